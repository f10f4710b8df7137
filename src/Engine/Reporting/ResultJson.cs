using System.Text;
using System.Text.Json;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Reporting;

/// <summary>
/// Writes subsystem results as the JSON that the district-format contract specifies for <c>sems solve --json</c>:
/// one object per subsystem with id, status, objective, terms, draw, exportKw, netDrawKw, exports, supplies, stores, demands, solveMs, and, when
/// infeasible, which constraint families made it so, in words. Units: kW, kWh, ms; factors in their own units.
/// </summary>
public static class ResultJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static string Serialize(IEnumerable<SubsystemResult> results)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartArray();
            foreach (var result in results) Write(writer, result);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>One subsystem's result as the contract's JSON object.</summary>
    public static string SerializeOne(SubsystemResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options)) Write(writer, result);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, SubsystemResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("id", result.Id);
        writer.WriteString("status", StatusName(result.Status));
        WriteNumber(writer, "objective", result.Objective);
        WriteNumber(writer, "modelObjective", result.ModelObjective);
        if (result.Terms is { } terms)
        {
            writer.WriteStartObject("terms");
            WriteNumber(writer, "energy", terms.Energy);
            WriteNumber(writer, "storage", terms.Storage);
            WriteNumber(writer, "comfort", terms.Comfort);
            writer.WriteStartObject("byFactor");
            foreach (var (factor, value) in terms.ByFactor) WriteNumber(writer, factor, value);
            writer.WriteEndObject();
            WriteNumber(writer, "startCosts", terms.StartCosts);
            writer.WriteStartObject("exportByFactor");
            foreach (var (factor, value) in terms.ExportValueByFactor) WriteNumber(writer, factor, value);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("terms");
        }

        writer.WriteStartObject("draw");
        foreach (var (resource, values) in result.DrawKw) WriteArray(writer, resource, values);
        writer.WriteEndObject();

        // Exports: per resource fed (Σ of its exports), the net draw import − export per resource, and each export.
        writer.WriteStartObject("exportKw");
        foreach (var (resource, values) in result.ExportKw) WriteArray(writer, resource, values);
        writer.WriteEndObject();
        writer.WriteStartObject("netDrawKw");
        foreach (var (resource, values) in result.NetDrawKw) WriteArray(writer, resource, values);
        writer.WriteEndObject();
        writer.WriteStartObject("exports");
        foreach (var (id, values) in result.Exports) WriteArray(writer, id, values);
        writer.WriteEndObject();

        writer.WriteStartObject("supplies");
        foreach (var supply in result.Supplies)
        {
            writer.WriteStartArray(supply.Id);
            foreach (var conversion in supply.Conversions)
            {
                writer.WriteStartObject();
                writer.WriteString("resource", conversion.Resource);
                writer.WriteString("energyType", conversion.EnergyType);
                WriteArray(writer, "v", conversion.DrawKw);
                WriteArray(writer, "u", conversion.OutputKw);
                if (supply.On is { } on)
                {
                    writer.WriteStartArray("on");
                    foreach (var state in on) writer.WriteBooleanValue(state);
                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();

        writer.WriteStartObject("stores");
        foreach (var store in result.Stores)
        {
            writer.WriteStartObject(store.Id);
            WriteArray(writer, "soc", store.SocKwh);
            WriteArray(writer, "charge", store.ChargeKw);
            WriteArray(writer, "discharge", store.DischargeKw);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        writer.WriteStartObject("demands");
        foreach (var demand in result.Demands.Where(d => d.Kind == "stateSpace"))
        {
            writer.WriteStartObject(demand.Id);
            // One output: plain arrays of N; several outputs: one array per output.
            if (demand.Outputs.Count == 1)
            {
                WriteArray(writer, "y", demand.Outputs[0]);
                WriteArray(writer, "slack", demand.Slack[0]);
                if (demand.TerminalOutputs.Count == 1)
                {
                    WriteNumber(writer, "yTerminal", demand.TerminalOutputs[0]);
                    WriteNumber(writer, "slackTerminal", demand.TerminalSlack[0]);
                }
            }
            else
            {
                writer.WriteStartArray("y");
                foreach (var y in demand.Outputs) WriteArray(writer, null, y);
                writer.WriteEndArray();
                writer.WriteStartArray("slack");
                foreach (var s in demand.Slack) WriteArray(writer, null, s);
                writer.WriteEndArray();
                WriteArray(writer, "yTerminal", demand.TerminalOutputs);
                WriteArray(writer, "slackTerminal", demand.TerminalSlack);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        WriteNumber(writer, "maxSlack", result.MaxSlack);
        writer.WriteBoolean("slackBeyondRange", result.SlackBeyondRange);
        writer.WriteStartArray("warnings");
        foreach (var warning in result.Warnings) writer.WriteStringValue(warning);
        writer.WriteEndArray();

        writer.WriteString("solver", result.Solver);
        WriteNumber(writer, "relativeGap", result.RelativeGap);
        WriteNumber(writer, "buildMs", Math.Round(result.BuildTime.TotalMilliseconds, 3));
        WriteNumber(writer, "solveMs", Math.Round(result.SolveTime.TotalMilliseconds, 3));
        if (result.Status == SolveStatus.Infeasible || result.Infeasibility.Count > 0)
        {
            writer.WriteStartArray("infeasibility");
            foreach (var finding in result.Infeasibility)
            {
                writer.WriteStartObject();
                writer.WriteString("family", FamilyName(finding.Family));
                writer.WriteString("message", finding.Message);
                writer.WriteNumber("firstStep", finding.FirstStep);
                writer.WriteNumber("lastStep", finding.LastStep);
                WriteNumber(writer, "maxViolation", finding.MaxAmount);
                writer.WriteString("unit", finding.Unit);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("explanation", result.Infeasibility.Count == 0 ? "infeasible; no explanation was computed" : string.Join("; ", result.Infeasibility.Select(f => f.Message)));
        }

        if (result.Message is not null) writer.WriteString("message", result.Message);
        writer.WriteEndObject();
    }

    public static string StatusName(SolveStatus status) => status.ToString().ToLowerInvariant();

    public static string FamilyName(ConstraintFamily family) => JsonNamingPolicy.CamelCase.ConvertName(family.ToString());

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteNull(name);
    }

    private static void WriteArray(Utf8JsonWriter writer, string? name, IReadOnlyList<double> values)
    {
        if (name is null) writer.WriteStartArray();
        else writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteNumberValue(Math.Round(value, 6));
        writer.WriteEndArray();
    }
}
