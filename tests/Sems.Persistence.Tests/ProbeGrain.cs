using Orleans.Runtime;

namespace Sems.Persistence.Tests;

public sealed class ProbeGrain([PersistentState("probe", "sems")] IPersistentState<ProbeState?> state) : Grain, IProbeGrain, IRemindable
{
    public async Task WriteAsync(ProbeState value)
    {
        state.State = value;
        await state.WriteStateAsync();
    }

    public Task<ProbeState?> ReadAsync() => Task.FromResult(state.RecordExists ? state.State : null);

    public Task RemindAsync(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<bool> HasReminderAsync(string name) => await this.GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
