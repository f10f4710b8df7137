using System.Globalization;
using System.Text.Json;
using Json.Schema;
using Sems.Engine.Districts;
using Sems.Engine.Json;

namespace Sems.Adapters.Kafka;

/// <summary>
/// The JSON Schema (draft 2020-12) of every market message, the files of <c>schemas/market/</c> embedded in this
/// assembly, and the validation of a message against its schema: each problem names the JSON path, the value found
/// there and the rule it breaks.
/// </summary>
public static class MarketSchemas
{
    private static readonly Lazy<IReadOnlyDictionary<MarketMessageKind, JsonSchema>> Schemas = new(Build);

    /// <summary>The schema file's text, as in <c>schemas/market/</c>.</summary>
    public static string Text(MarketMessageKind kind)
    {
        using var stream = typeof(MarketSchemas).Assembly.GetManifestResourceStream(ResourceName(kind))
            ?? throw new InvalidOperationException($"the schema of {kind} is not embedded in {typeof(MarketSchemas).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The schema file's name under <c>schemas/market/</c>.</summary>
    public static string FileName(MarketMessageKind kind) => kind switch
    {
        MarketMessageKind.Prices => "prices.schema.json",
        MarketMessageKind.Schedule => "schedule.schema.json",
        MarketMessageKind.Settlement => "settlement.schema.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"unknown market message kind {kind}"),
    };

    /// <summary>The message's name and major version, as in its <c>schema</c> field.</summary>
    public static string MessageName(MarketMessageKind kind) => kind switch
    {
        MarketMessageKind.Prices => PricesMessage.Name,
        MarketMessageKind.Schedule => ScheduleMessage.Name,
        MarketMessageKind.Settlement => SettlementMessage.Name,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"unknown market message kind {kind}"),
    };

    /// <summary>Validates a parsed message against its schema; empty when it is valid.</summary>
    public static IReadOnlyList<ValidationProblem> Validate(MarketMessageKind kind, JsonElement message)
    {
        var results = Schemas.Value[kind].Evaluate(message, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid) return [];
        var problems = new List<ValidationProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in Flatten(results))
        {
            // An "if" only selects a branch: its failures are no problems of the message.
            if (node.Errors is not { Count: > 0 } errors || node.EvaluationPath.ToString().Split('/').Contains("if")) continue;
            var (path, value) = Locate(message, node.InstanceLocation.ToString());
            foreach (var (keyword, error) in errors)
            {
                var problem = new ValidationProblem(path, value, $"{error} (schema {node.EvaluationPath}, keyword \"{keyword}\")");
                if (seen.Add(problem.ToString())) problems.Add(problem);
            }
        }

        if (problems.Count == 0) problems.Add(new ValidationProblem("$", "", $"does not match the schema of {MessageName(kind)}"));
        return problems;
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        if (results.Details is null) yield break;
        foreach (var detail in results.Details)
        {
            foreach (var nested in Flatten(detail)) yield return nested;
        }
    }

    /// <summary>The JSON path (<c>importKw[3]</c>) of a JSON Pointer (<c>/importKw/3</c>) and the value found there, clipped.</summary>
    private static (string Path, string Value) Locate(JsonElement root, string pointer)
    {
        var segments = new List<object>();
        var element = root;
        var found = true;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (found && element.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                segments.Add(index);
                if (index < element.GetArrayLength()) element = element[index];
                else found = false;
            }
            else
            {
                segments.Add(token);
                if (found && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(token, out var child)) element = child;
                else found = false;
            }
        }

        return (StrictJson.PathOf(segments), found ? Describe(element) : "");
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "",
        JsonValueKind.Array => $"an array of {element.GetArrayLength()}",
        _ => StrictJson.Clip(element.GetRawText()),
    };

    private static string ResourceName(MarketMessageKind kind) => "schemas.market." + FileName(kind);

    private static IReadOnlyDictionary<MarketMessageKind, JsonSchema> Build()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return Enum.GetValues<MarketMessageKind>().ToDictionary(kind => kind, kind => JsonSchema.FromText(Text(kind), options));
    }
}
