namespace Sems.Persistence.Tests;

[Alias("sems.tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    [Alias("Write")]
    Task WriteAsync(ProbeState state);

    [Alias("Read")]
    Task<ProbeState?> ReadAsync();

    [Alias("Remind")]
    Task RemindAsync(string name);

    [Alias("HasReminder")]
    Task<bool> HasReminderAsync(string name);
}
