using Microsoft.Extensions.Options;
using Sems.Persistence.History;

namespace Sems.Persistence.Tests;

/// <summary>The audit log's retention setting: 400 days unless set, 0 keeps every entry, never shorter than the history's.</summary>
public sealed class HistoryOptionsTests
{
    [Fact]
    public void Unset_the_audit_log_is_kept_400_days_and_the_history_forever()
    {
        var options = new HistoryOptions();
        Assert.Equal((400.0, 0.0), (options.AuditRetentionDays, options.RetentionDays));
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData(0, 90)]
    [InlineData(400, 90)]
    [InlineData(90, 90)]
    [InlineData(36500, 0)]
    public void An_audit_retention_of_0_or_at_least_the_history_retention_is_valid(double auditDays, double historyDays) =>
        Assert.Empty(new HistoryOptions { AuditRetentionDays = auditDays, RetentionDays = historyDays }.Validate());

    [Theory]
    [InlineData(-1, 0, "History:AuditRetentionDays must be 0 (keep every audit entry) or a number of days up to 36500; it is -1.")]
    [InlineData(double.NaN, 0, "History:AuditRetentionDays must be 0 (keep every audit entry) or a number of days up to 36500; it is NaN.")]
    [InlineData(36501, 0, "History:AuditRetentionDays must be 0 (keep every audit entry) or a number of days up to 36500; it is 36501.")]
    [InlineData(double.PositiveInfinity, 0, "History:AuditRetentionDays must be 0 (keep every audit entry) or a number of days up to 36500; it is Infinity.")]
    [InlineData(400, 500, "History:AuditRetentionDays (400 days) must be 0 (keep every audit entry) or at least History:RetentionDays (500 days): audit entries are not kept shorter than the history they explain.")]
    public void A_bad_audit_retention_is_refused_naming_the_setting_and_the_value(double auditDays, double historyDays, string problem)
    {
        var options = new HistoryOptions { AuditRetentionDays = auditDays, RetentionDays = historyDays };
        Assert.Equal([problem], options.Validate());
        var refused = Assert.Throws<OptionsValidationException>(() => new InMemoryHistoryStore(Options.Create(options)));
        Assert.Contains(problem, refused.Failures);
    }
}
