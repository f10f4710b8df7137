using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sems.Cli.Tests.Fuzz;

/// <summary>
/// Seeded mutations of a JSON document (a district or scenario file). Structural mutations edit the parsed tree; what
/// a tree cannot hold (duplicate keys, bare NaN, 1e309, lone surrogate escapes, 10,000 brackets) is spliced into the
/// serialised text through marker strings; encodings and truncation act on the bytes.
/// </summary>
public static class JsonMutator
{
    /// <summary>The mutation classes, each drawn with equal weight.</summary>
    public static readonly string[] Classes =
    [
        "delete-field", "type-swap", "extreme-number", "duplicate-key", "duplicate-id", "bad-encoding", "truncation",
        "deep-nesting", "long-line", "hostile-id",
    ];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const string MarkerPrefix = "@@FUZZ";

    public static FuzzInput Mutate(string json, Random random, string? mutationClass = null)
    {
        var cls = mutationClass ?? FuzzValues.Pick(random, Classes);
        var state = new State(JsonNode.Parse(json)!, random);
        var name = state.Apply(cls);
        // One case in five stacks a second structural mutation on the first.
        if (cls is not ("bad-encoding" or "truncation" or "long-line") && random.Next(5) == 0)
            name += " + " + state.Apply(FuzzValues.Pick(random, new[] { "delete-field", "type-swap", "extreme-number", "duplicate-key", "hostile-id" }));
        var bytes = Encoding.UTF8.GetBytes(state.Text());
        switch (cls)
        {
            case "bad-encoding":
                var (encoding, encoded) = ByteMutations.BadEncoding(bytes, random);
                return new FuzzInput($"{name} {encoding}", encoded);
            case "truncation":
                var (cut, truncated) = ByteMutations.Truncate(bytes, random);
                return new FuzzInput($"{name} {cut}", truncated);
            default:
                return new FuzzInput(name, bytes);
        }
    }

    /// <summary>A place in the tree that holds a value: a property of an object or an element of an array.</summary>
    private sealed record Slot(JsonNode Parent, string? Key, int Index, string Path)
    {
        public JsonNode? Value => Key is null ? Parent.AsArray()[Index] : Parent.AsObject()[Key];

        public void Set(JsonNode? value)
        {
            if (Key is null) Parent.AsArray()[Index] = value;
            else Parent.AsObject()[Key] = value;
        }
    }

    private sealed class State(JsonNode root, Random random)
    {
        private readonly Dictionary<string, string> _raw = new(StringComparer.Ordinal);
        private bool _oneLine;

        public string Apply(string cls) => cls switch
        {
            "delete-field" => DeleteField(),
            "type-swap" => TypeSwap(),
            "extreme-number" => ExtremeNumber(),
            "duplicate-key" => DuplicateKey(),
            "duplicate-id" => DuplicateId(),
            "bad-encoding" => BadEncoding(),
            "truncation" => "truncation",
            "deep-nesting" => DeepNesting(),
            "long-line" => LongLine(),
            "hostile-id" => HostileId(),
            _ => throw new ArgumentOutOfRangeException(nameof(cls), cls, "unknown mutation class"),
        };

        public string Text()
        {
            var text = _oneLine ? root.ToJsonString() : root.ToJsonString(Indented);
            foreach (var (marker, raw) in _raw) text = text.Replace($"\"{marker}\"", raw, StringComparison.Ordinal);
            return text;
        }

        private JsonNode Raw(string text)
        {
            var marker = $"{MarkerPrefix}{_raw.Count}@@";
            _raw[marker] = text;
            return JsonValue.Create(marker);
        }

        private List<Slot> Slots()
        {
            var slots = new List<Slot>();
            void Walk(JsonNode? node, string path)
            {
                switch (node)
                {
                    case JsonObject o:
                        foreach (var (key, value) in o.ToList())
                        {
                            var p = $"{path}.{key}";
                            slots.Add(new Slot(o, key, -1, p));
                            Walk(value, p);
                        }

                        break;
                    case JsonArray a:
                        for (var i = 0; i < a.Count; i++)
                        {
                            var p = $"{path}[{i}]";
                            slots.Add(new Slot(a, null, i, p));
                            Walk(a[i], p);
                        }

                        break;
                }
            }

            Walk(root, "$");
            return slots;
        }

        /// <summary>A slot, most often a property of an object (arrays of numbers would otherwise dominate).</summary>
        private Slot PickSlot(Func<Slot, bool>? where = null)
        {
            var slots = Slots().Where(where ?? (_ => true)).ToList();
            if (slots.Count == 0) slots = Slots();
            var properties = slots.Where(s => s.Key is not null).ToList();
            return FuzzValues.Pick(random, properties.Count > 0 && random.Next(10) < 7 ? properties : slots);
        }

        private string DeleteField()
        {
            var slot = PickSlot();
            if (slot.Key is not null) slot.Parent.AsObject().Remove(slot.Key);
            else slot.Parent.AsArray().RemoveAt(slot.Index);
            return $"delete-field {slot.Path}";
        }

        private string TypeSwap()
        {
            var slot = PickSlot();
            var (kind, value) = random.Next(9) switch
            {
                0 => ("number", (JsonNode?)JsonValue.Create(1)),
                1 => ("string", JsonValue.Create(slot.Value?.ToJsonString() ?? "x")),
                2 => ("empty-array", new JsonArray()),
                3 => ("array", new JsonArray(slot.Value?.DeepClone())),
                4 => ("empty-object", new JsonObject()),
                5 => ("object", new JsonObject { ["value"] = slot.Value?.DeepClone() }),
                6 => ("null", null),
                7 => ("bool", JsonValue.Create(random.Next(2) == 0)),
                _ => ("number-string", JsonValue.Create("12")),
            };
            slot.Set(value);
            return $"type-swap {slot.Path} -> {kind}";
        }

        private string ExtremeNumber()
        {
            var slot = PickSlot(s => s.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number);
            var token = FuzzValues.Pick(random, FuzzValues.ExtremeNumbers);
            slot.Set(Raw(token));
            return $"extreme-number {slot.Path} = {token}";
        }

        private string DuplicateKey()
        {
            var slot = PickSlot(s => s.Key is not null);
            if (slot.Key is null) return TypeSwap();
            var o = slot.Parent.AsObject();
            var marker = $"{MarkerPrefix}{_raw.Count}@@";
            _raw[marker] = JsonSerializer.Serialize(slot.Key);
            // The repeated key holds the same value or a different one.
            o[marker] = random.Next(2) == 0 ? slot.Value?.DeepClone() : JsonValue.Create(0);
            return $"duplicate-key {slot.Path}";
        }

        private string DuplicateId()
        {
            var arrays = Slots().Select(s => s.Value).OfType<JsonArray>()
                .Where(a => a.Count > 0 && a.All(e => e is JsonObject o && o["id"] is JsonValue)).ToList();
            if (arrays.Count == 0) return DuplicateKey();
            var array = FuzzValues.Pick(random, arrays);
            var path = array.GetPath();
            if (array.Count > 1 && random.Next(2) == 0)
            {
                var (i, j) = (random.Next(array.Count), random.Next(array.Count));
                if (i == j) j = (i + 1) % array.Count;
                array[j]!["id"] = array[i]!["id"]!.DeepClone();
                return $"duplicate-id {path}[{j}].id = {path}[{i}].id";
            }

            var k = random.Next(array.Count);
            array.Add(array[k]!.DeepClone());
            return $"duplicate-id {path}[{k}] appended again";
        }

        private string BadEncoding()
        {
            // Escapes that decode to no Unicode text (lone surrogates) or to NUL; the byte-level encodings follow in Mutate.
            if (random.Next(3) != 0) return "bad-encoding";
            var slot = PickSlot(s => s.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String);
            var escape = FuzzValues.Pick(random, new[] { "\"a\\ud800b\"", "\"\\udfff\"", "\"\\ud800\\ud800\"", "\"x\\u0000y\"" });
            slot.Set(Raw(escape));
            return $"bad-encoding {slot.Path} = {escape} then";
        }

        private string DeepNesting()
        {
            var slot = PickSlot();
            var (kind, text) = random.Next(3) switch
            {
                0 => ("10000 unclosed [", new string('[', 10_000)),
                1 => ("10000 balanced []", new string('[', 10_000) + new string(']', 10_000)),
                _ => ("10000 nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)),
            };
            slot.Set(Raw(text));
            return $"deep-nesting {slot.Path} = {kind}";
        }

        private string LongLine()
        {
            switch (random.Next(4))
            {
                case 0:
                    _oneLine = true;
                    return "long-line whole file on one line";
                case 1:
                    var slot = PickSlot(s => s.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String);
                    slot.Set(JsonValue.Create(new string('x', 1 << 20)));
                    return $"long-line {slot.Path} = 1 MB string";
                case 2:
                    var keyed = PickSlot(s => s.Parent is JsonObject);
                    if (keyed.Parent is JsonObject o) o[new string('k', 1 << 20)] = 1;
                    return $"long-line {keyed.Parent.GetPath()} gains a 1 MB key";
                default:
                    var number = PickSlot(s => s.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number);
                    number.Set(Raw("1" + new string('0', 1 << 20)));
                    return $"long-line {number.Path} = 1 MB number";
            }
        }

        private string HostileId()
        {
            var slot = PickSlot(s => s.Key is "id" or "name");
            if (slot.Key is not ("id" or "name")) return DuplicateKey();
            var id = FuzzValues.Pick(random, FuzzValues.HostileIds);
            slot.Set(JsonValue.Create(id));
            return string.Create(CultureInfo.InvariantCulture, $"hostile-id {slot.Path} = {JsonSerializer.Serialize(id)}");
        }
    }
}
