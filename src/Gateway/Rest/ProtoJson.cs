using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Sems.Contracts.Limits;
using Sems.Gateway.Api;

namespace Sems.Gateway.Rest;

/// <summary>
/// The REST mirror's bodies in the protobuf JSON mapping (<see cref="JsonParser"/> and <see cref="JsonFormatter"/> with
/// default settings: lowerCamelCase names, original names accepted too, enums as names, Timestamps as RFC 3339, 64-bit
/// integers as strings, unknown fields refused). A body the parser refuses is an INVALID_ARGUMENT naming the field at
/// its proto path (<c>import_max_kw[1]</c>, <c>measurements[2].measured_at</c>), as gRPC's BadRequest names it: a JSON
/// syntax error or a key given twice is found by reading the body token by token, a value the parser refuses by
/// asking the parser about each field on its own.
/// </summary>
internal static class ProtoJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The message of <paramref name="body"/>; an empty body is the empty message when <paramref name="emptyAllowed"/>.</summary>
    public static T Parse<T>(ReadOnlyMemory<byte> body, bool emptyAllowed = false)
        where T : IMessage<T>, new()
    {
        var descriptor = new T().Descriptor;
        var bytes = body.Span;
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        if (IsBlank(bytes))
        {
            if (emptyAllowed) return new T();
            throw ApiException.Invalid("body", $"is empty: give a {descriptor.FullName} as JSON");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw ApiException.Invalid("body", $"is not UTF-8 (byte {e.Index} is not valid): send JSON in UTF-8");
        }

        Scan(bytes, descriptor);
        try
        {
            return (T)JsonParser.Default.Parse(text, descriptor);
        }
        catch (Exception e) when (IsParseFailure(e))
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw ApiException.Invalid("body", $"is a JSON {Kind(document.RootElement)}, not an object: give a {descriptor.FullName} as a JSON object");
            var (field, problem) = Locate(document.RootElement, descriptor, "") ?? ("body", $"is not a valid {descriptor.FullName}: {e.Message}");
            throw ApiException.Invalid(field, problem);
        }
    }

    /// <summary>The message as JSON, in the protobuf JSON mapping with default settings.</summary>
    public static string Format(IMessage message) => JsonFormatter.Default.Format(message);

    /// <summary>Whether <paramref name="e"/> is how <see cref="JsonParser"/> refuses a value (not a bug of the server).</summary>
    private static bool IsParseFailure(Exception e) =>
        e is InvalidProtocolBufferException or InvalidJsonException or FormatException or OverflowException or ArgumentException;

    /// <summary>
    /// Reads the body token by token, keeping the path to the current value: a JSON syntax error (a bare NaN, a missing
    /// comma, a trailing comma) or a key given twice in one object is refused at that path.
    /// </summary>
    private static void Scan(ReadOnlySpan<byte> bytes, MessageDescriptor descriptor)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
        var stack = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString() ?? "";
                        var top = stack[^1];
                        top.Property = name;
                        if (!top.Keys!.Add(name))
                            throw ApiException.Invalid(FieldPath(stack, pending: false, descriptor), $"\"{Text.Cut(name)}\" is given twice in one object: give each key once");
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        BeginValue(stack);
                        stack.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        EndValue(stack);
                        break;
                    default:
                        BeginValue(stack);
                        EndValue(stack);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var field = FieldPath(stack, pending: true, descriptor);
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var reason = e.Message.Split(" LineNumber:", 2)[0].Trim();
            var hint = reason.StartsWith("'N'", StringComparison.Ordinal) || reason.StartsWith("'I'", StringComparison.Ordinal) || reason.StartsWith("'-'", StringComparison.Ordinal)
                ? " (JSON has no NaN or Infinity: give a finite number)"
                : "";
            throw ApiException.Invalid(field, $"is not valid JSON at line {line}, byte {column}: {reason}{hint}");
        }
    }

    private static void BeginValue(List<Frame> stack)
    {
        if (stack.Count > 0 && stack[^1].IsArray) stack[^1].Count++;
    }

    private static void EndValue(List<Frame> stack)
    {
        if (stack.Count > 0 && !stack[^1].IsArray) stack[^1].Property = null;
    }

    /// <summary>
    /// The proto path of the value being read: property names mapped to the fields' proto names, array positions as
    /// [i]. <paramref name="pending"/>: the innermost array's next element is the one being read.
    /// </summary>
    private static string FieldPath(List<Frame> stack, bool pending, MessageDescriptor root)
    {
        var path = new StringBuilder();
        MessageDescriptor? message = root;
        FieldDescriptor? field = null;
        for (var k = 0; k < stack.Count; k++)
        {
            var frame = stack[k];
            if (frame.IsArray)
            {
                var index = pending && k == stack.Count - 1 ? frame.Count : Math.Max(0, frame.Count - 1);
                path.Append('[').Append(index).Append(']');
                message = field?.FieldType == FieldType.Message ? field.MessageType : null;
                field = null;
                continue;
            }

            if (frame.Property is not { } property) break;
            field = message is null ? null : Find(message, property);
            if (path.Length > 0) path.Append('.');
            path.Append(field?.Name ?? property);
            message = field is { IsRepeated: false, FieldType: FieldType.Message } ? field.MessageType : null;
        }

        return path.Length == 0 ? "body" : path.ToString();
    }

    /// <summary>
    /// The first field of <paramref name="element"/> the parser refuses on its own (inside a repeated field, the first
    /// element; inside a nested message, its field), with the value and the rule; null when each parses alone.
    /// </summary>
    private static (string Field, string Problem)? Locate(JsonElement element, MessageDescriptor descriptor, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var field = Find(descriptor, property.Name);
            if (field is null)
            {
                return (prefix + property.Name, $"is not a field of {descriptor.FullName}; its fields are {string.Join(", ", descriptor.Fields.InDeclarationOrder().Select(f => f.JsonName))}");
            }

            var path = prefix + field.Name;
            if (TryParse(descriptor, property.Name, property.Value.GetRawText()) is not { } failure) continue;
            if (field.IsRepeated && !field.IsMap && property.Value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (TryParse(descriptor, property.Name, $"[{item.GetRawText()}]") is { } itemFailure)
                    {
                        var itemPath = $"{path}[{index}]";
                        if (IsPlainMessage(field) && item.ValueKind == JsonValueKind.Object)
                            return Locate(item, field.MessageType, itemPath + ".") ?? (itemPath, Describe(field, item, itemFailure));
                        return (itemPath, Describe(field, item, itemFailure));
                    }

                    index++;
                }
            }
            else if (!field.IsRepeated && IsPlainMessage(field) && property.Value.ValueKind == JsonValueKind.Object)
            {
                return Locate(property.Value, field.MessageType, path + ".") ?? (path, Describe(field, property.Value, failure));
            }

            return (path, Describe(field, property.Value, failure));
        }

        return null;
    }

    private static Exception? TryParse(MessageDescriptor descriptor, string name, string rawValue)
    {
        try
        {
            JsonParser.Default.Parse($"{{{JsonSerializer.Serialize(name)}:{rawValue}}}", descriptor);
            return null;
        }
        catch (Exception e) when (IsParseFailure(e))
        {
            return e;
        }
    }

    private static FieldDescriptor? Find(MessageDescriptor descriptor, string name) =>
        descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name || f.Name == name);

    private static bool IsPlainMessage(FieldDescriptor field) =>
        field.FieldType == FieldType.Message && !field.IsMap && !field.MessageType.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal);

    private static string Describe(FieldDescriptor field, JsonElement value, Exception failure)
    {
        var rule = field.FieldType switch
        {
            FieldType.Message when field.MessageType.FullName == "google.protobuf.Duration" => "give seconds with the suffix s, e.g. \"900s\"",
            FieldType.Message when field.MessageType.FullName == "google.protobuf.Timestamp" => "give an RFC 3339 time in UTC, e.g. \"2022-11-01T17:00:00Z\"",
            FieldType.Message => $"give a {field.MessageType.FullName} object",
            FieldType.Double or FieldType.Float => "give a number",
            FieldType.Bool => "give true or false",
            FieldType.String => "give a string",
            FieldType.Bytes => "give base64",
            FieldType.Enum => $"give one of {string.Join(", ", field.EnumType.Values.Select(v => v.Name))}",
            _ => "give an integer",
        };
        var shown = value.ValueKind == JsonValueKind.String ? $"\"{Text.Cut(value.GetString())}\"" : Text.Cut(value.GetRawText());
        return $"{shown} is not valid: {rule} ({failure.Message.TrimEnd('.')})";
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }

        return true;
    }

    /// <summary>An object or array being read: the current key (objects) and the keys seen, or the elements begun (arrays).</summary>
    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Count { get; set; }

        public string? Property { get; set; }

        public HashSet<string>? Keys { get; } = isArray ? null : new HashSet<string>(StringComparer.Ordinal);
    }
}
