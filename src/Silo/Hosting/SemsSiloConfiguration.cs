using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;
using Sems.Grains;
using Sems.Grains.Telemetry;

namespace Sems.Silo.Hosting;

/// <summary>Wires the SEMS grains into a silo: options from configuration, the clock the grains run on, default storage.</summary>
public static class SemsSiloConfiguration
{
    /// <summary>
    /// Registers SEMS services: options from configuration and, unless the host registered one, the real clock for the
    /// grains. Persistence is the host's choice (<see cref="SemsHost.ConfigurePersistence"/>, in memory when
    /// the host made none), clustering too
    /// (configuration, or localhost in the CLI and tests).
    /// </summary>
    public static ISiloBuilder AddSems(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!SemsHost.PersistenceChosen(silo.Services)) SemsHost.ConfigurePersistence(silo, silo.Services, connectionString: null);
        silo.Services.AddOptions<SemsGrainOptions>().Bind(configuration.GetSection(SemsGrainOptions.Section));
        silo.Services.TryAddSingleton<IOptions<MpcOptions>>(Options.Create(ReadMpcOptions(configuration.GetSection(MpcOptions.Section))));
        silo.Services.TryAddKeyedSingleton(SemsGrainOptions.Clock, TimeProvider.System);
        // Metrics and traces of the grains; traces follow grain calls (cycle → plan/re-solve → solve).
        silo.Services.AddSemsInstrumentation();
        silo.AddActivityPropagation();
        return silo;
    }

    /// <summary>Reads the "Mpc" section (SlackSegments, SlackRange, TimeLimitSeconds, RelativeGap, LpSolver, MipSolver) and validates it.</summary>
    public static MpcOptions ReadMpcOptions(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var defaults = MpcOptions.Default;
        var solver = defaults.Solver;
        double Number(string key, double fallback) => section[key] is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new OptionsValidationException(MpcOptions.Section, typeof(MpcOptions), [$"{section.Path}:{key}: \"{text}\" is not a number"])
            : fallback;
        var options = defaults with
        {
            SlackSegments = (int)Number("SlackSegments", defaults.SlackSegments),
            SlackRange = Number("SlackRange", defaults.SlackRange),
            Solver = solver with
            {
                TimeLimit = TimeSpan.FromSeconds(Number("TimeLimitSeconds", solver.TimeLimit.TotalSeconds)),
                RelativeGap = Number("RelativeGap", solver.RelativeGap),
                LpSolver = section["LpSolver"] ?? solver.LpSolver,
                MipSolver = section["MipSolver"] ?? solver.MipSolver,
            },
        };
        if (options.Validate() is { Count: > 0 } problems) throw new OptionsValidationException(MpcOptions.Section, typeof(MpcOptions), problems);
        return options;
    }
}
