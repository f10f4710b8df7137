using System.CommandLine;
using System.Globalization;
using Sems.Forecasting;
using Sems.Gateway.Auth;
using Sems.Silo.Hosting;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems token --subject NAME --scope "S…" --district ID… [--lifetime 8h] [--key-file F]</c>: mints a bearer token
/// for the API, signed with the key of <c>--key-file</c> or the setting Sems:Auth:SigningKey; only the token is printed
/// on stdout. <c>sems token --new-key</c> prints a fresh random signing key instead.
/// </summary>
internal static class TokenCommand
{
    public const string Notes = """
        --scope: one or more of status.read, limits.write, telemetry.write, setpoints.read, districts.admin, separated
        by spaces (quote them) or given by repeating the option. --district: district names (1–64 letters, digits, '.',
        '_', '-') or "*" for every district; several may follow one --district. --lifetime: a whole number with the unit
        s, m, h or d (e.g. 90m, 8h, 30d), above 0 and at most 366d. The key: the file of --key-file (its base64 text), else
        the setting Sems:Auth:SigningKey (environment variable SEMS_Sems__Auth__SigningKey); issuer and audience come
        from Sems:Auth:Issuer and Sems:Auth:Audience (default "sems"), as the gateway checks them.
        --new-key prints the base64 of 32 random bytes, a key for Sems:Auth:SigningKey; keep it secret.
        Exit code: 0 the token (or key) is on stdout and nothing else is, 2 an invalid option or key, 3 the key file
        cannot be read.
        """;

    /// <summary>The lifetime of a token when --lifetime is not given.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var subject = CliOptions.Text("--subject", "Who the token is for (its sub claim), e.g. dso-operator.", "NAME");
        var scope = new Option<string[]>("--scope")
        {
            Description = "The scopes the token grants, space-separated (e.g. \"status.read limits.write\").",
            HelpName = "SCOPES",
        };
        var district = new Option<string[]>("--district")
        {
            Description = "The districts the token may touch, or \"*\" for all.",
            HelpName = "ID",
            AllowMultipleArgumentsPerToken = true,
        };
        var lifetime = new Option<string>("--lifetime") { Description = "How long the token is valid, e.g. 8h (default), 90m, 30d; at most 366d.", HelpName = "DURATION" };
        var keyFile = CliOptions.Text("--key-file", "A file holding the signing key as base64 (default: the setting Sems:Auth:SigningKey).", "FILE");
        var newKey = new Option<bool>("--new-key") { Description = "Print a fresh random signing key (base64 of 32 bytes) instead of a token." };
        var command = new Command("token", "Mints a bearer token for the API (a JWT signed with the configured key), or a new signing key with --new-key.")
        {
            subject, scope, district, lifetime, keyFile, newKey,
        };
        command.SetAction(result =>
        {
            // An option is given when it has a result; an array option's value is empty, not null, when it is absent.
            string[]? Given(Option<string[]> option) => result.GetResult(option) is null ? null : result.GetValue(option) ?? [];
            if (result.GetValue(newKey))
            {
                var others = new Option[] { subject, scope, district, lifetime, keyFile }.Where(o => result.GetResult(o) is not null).Select(o => o.Name).ToList();
                return NewKey(others, stdout, stderr);
            }

            return Mint(result.GetValue(subject), Given(scope), Given(district), result.GetValue(lifetime), result.GetValue(keyFile), stdout, stderr);
        });
        return command;
    }

    private static int NewKey(IReadOnlyList<string> otherOptions, TextWriter stdout, TextWriter stderr)
    {
        if (otherOptions.Count > 0)
            return SemsCli.Fail(stderr, $"token: --new-key prints a key and takes no other option (given: {string.Join(", ", otherOptions)}); mint a token in a second call");
        stdout.WriteLine(TokenIssuer.NewSigningKey());
        return 0;
    }

    private static int Mint(string? subject, string[]? scopeValues, string[]? districts, string? lifetimeText, string? keyFile, TextWriter stdout, TextWriter stderr)
    {
        var missing = new List<string>();
        if (subject is null) missing.Add("--subject NAME");
        if (scopeValues is null) missing.Add("--scope \"SCOPES\"");
        if (districts is null) missing.Add("--district ID");
        if (missing.Count > 0) return SemsCli.Fail(stderr, $"token needs {string.Join(", ", missing)} (or --new-key for a signing key)");

        var lifetime = DefaultLifetime;
        if (lifetimeText is not null)
        {
            if (Lifetime(lifetimeText, out var lifetimeProblem) is not { } parsed) return SemsCli.Fail(stderr, $"token: {lifetimeProblem}");
            lifetime = parsed;
        }

        var scopes = scopeValues!.SelectMany(v => v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var problems = TokenIssuer.Validate(subject, scopes, districts!, lifetime);
        if (problems.Count > 0)
        {
            foreach (var problem in problems) stderr.WriteLine($"sems: token: {OptionOf(problem.Field)}: {problem.Description}");
            return SemsCli.InvalidInput;
        }

        SemsAuthOptions options;
        try
        {
            options = SemsAuthOptions.Read(SemsConnection.Configuration(new Dictionary<string, string?>()));
        }
        catch (InvalidOperationException e)
        {
            return SemsCli.Fail(stderr, $"token: {e.Message}");
        }

        if (options.Problems() is { Count: > 0 } settingProblems) return SemsCli.Fail(stderr, $"token: {string.Join("; ", settingProblems)}");
        if (keyFile is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(keyFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                stderr.WriteLine($"sems: token: --key-file \"{MessageText.Shorten(keyFile)}\" cannot be read: {e.Message}");
                return SemsCli.IoFailure;
            }

            if (SemsAuthOptions.DecodeKey(text, out var keyProblem) is null) return SemsCli.Fail(stderr, $"token: --key-file \"{MessageText.Shorten(keyFile)}\": the key {keyProblem}");
            options.SigningKey = text.Trim();
        }
        else if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return SemsCli.Fail(stderr, $"token needs a signing key: --key-file FILE, the setting {SemsAuthOptions.SigningKeySetting} or the environment variable {SemsAuthOptions.SigningKeyVariable} (make one with \"sems token --new-key\")");
        }
        else if (SemsAuthOptions.DecodeKey(options.SigningKey, out var settingProblem) is null)
        {
            return SemsCli.Fail(stderr, $"token: the setting {SemsAuthOptions.SigningKeySetting} {settingProblem}");
        }

        stdout.WriteLine(TokenIssuer.Mint(options, subject!, scopes, districts!, lifetime, TimeProvider.System));
        return 0;
    }

    /// <summary>"N" with the unit s, m, h or d as a duration, or null with the problem naming --lifetime and the value.</summary>
    internal static TimeSpan? Lifetime(string text, out string? problem)
    {
        problem = null;
        var value = text.Trim();
        var unit = value.Length > 0 ? char.ToLowerInvariant(value[^1]) : ' ';
        var scale = unit switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), 'd' => TimeSpan.FromDays(1), _ => TimeSpan.Zero };
        if (scale == TimeSpan.Zero || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            problem = $"--lifetime: \"{MessageText.Shorten(text)}\" is not a duration; give a whole number with the unit s, m, h or d (e.g. 8h, 90m, 30d)";
            return null;
        }

        if (count <= 0 || count > TokenIssuer.MaxLifetime.Ticks / scale.Ticks)
        {
            problem = $"--lifetime: {MessageText.Shorten(text)} is out of range; it must be above 0 and at most {TokenIssuer.MaxLifetime.TotalDays:0}d";
            return null;
        }

        return TimeSpan.FromTicks(count * scale.Ticks);
    }

    private static string OptionOf(string field) => field switch
    {
        "subject" => "--subject",
        "scopes" => "--scope",
        "districts" => "--district",
        "lifetime" => "--lifetime",
        _ => field,
    };
}
