namespace Sems.Gateway.Tests.Dashboard;

/// <summary>
/// The worked example (examples/two-subsystems-limit.json) by hand, for any cycle k of a receding horizon: the EV hub
/// draws its file series rotated k steps, the heat network 20 kW (60 kW of heat at COP 3); under the 100 kW limit the
/// heat network is allowed Plim − EV, so it draws min(20, 100 − EV) and the district min(EV + 20, 100).
/// </summary>
internal static class WorkedExample
{
    public static readonly double[] LimitKw = [100, 100, 100, 100];

    private static readonly double[] EvFileKw = [50, 90, 90, 50];

    public static double[] EvKw(int cycle) => [.. Enumerable.Range(0, 4).Select(i => EvFileKw[(i + cycle) % 4])];

    public static double[] BeforeKw(int cycle) => [.. EvKw(cycle).Select(ev => ev + 20)];

    public static double[] AfterKw(int cycle) => [.. EvKw(cycle).Select(ev => Math.Min(ev + 20, 100))];

    public static double[] HeatNetworkKw(int cycle) => [.. EvKw(cycle).Select(ev => Math.Min(20, 100 - ev))];

    public static double[] HeatNetworkGrantedKw(int cycle) => [.. EvKw(cycle).Select(ev => 100 - ev)];
}
