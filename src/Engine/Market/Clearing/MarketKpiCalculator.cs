namespace Sems.Engine.Market;

/// <summary>Computes the KPIs of a settlement against the baseline schedules (formulas in docs/market.md, "KPIs").</summary>
internal static class MarketKpiCalculator
{
    /// <param name="community">The community.</param>
    /// <param name="baseline">Every settled prosumer's iteration-0 schedule (others may be there too).</param>
    /// <param name="settlement">The settlement of the final schedules.</param>
    /// <param name="final">The settled schedules, in the settlement's order.</param>
    public static MarketKpis Compute(Community community, IReadOnlyDictionary<string, ProsumerSchedule> baseline, MarketSettlement settlement, IReadOnlyList<ProsumerSchedule> final)
    {
        var dt = community.StepHours;
        var steps = community.Steps;
        var members = community.Prosumers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var kpis = new List<ProsumerKpi>(final.Count);
        long baseBills = 0, marketBills = 0;
        double consumption = 0, pv = 0, baseImportKnown = 0, importKnown = 0, baseExportKnown = 0, exportKnown = 0;
        double baseImport = 0, baseExport = 0;
        bool anyConsumption = false, anyPv = false;
        for (var i = 0; i < final.Count; i++)
        {
            var s = final[i];
            var b = baseline[s.ProsumerId];
            var bill = settlement.Prosumers[i];
            var p = members[s.ProsumerId];
            long baseBill = 0;
            double bImport = 0, bExport = 0;
            for (var t = 0; t < steps; t++)
            {
                var net = b.NetSurplusKw(t) * dt;
                if (net < 0)
                {
                    baseBill += Cents.Of(-net, community.RetailPerKwh[t]);
                    bImport -= net;
                }
                else if (net > 0)
                {
                    baseBill -= Cents.Of(net, community.FeedInPerKwh[t]);
                    bExport += net;
                }
            }

            double? use = !p.External && p.LoadKw.Count == steps
                ? p.LoadKw.Sum() * dt + p.FlexibleLoads.Sum(f => f.ProfileKw.Sum()) * dt
                : null;
            double? sun = !p.External && p.PvKw.Count == steps ? p.PvKw.Sum() * dt : null;
            var marketBill = bill.BillCents;
            kpis.Add(new ProsumerKpi(s.ProsumerId, baseBill, marketBill, baseBill - marketBill, b.DiscomfortCost, s.DiscomfortCost,
                use, sun, Share(bImport, use), Share(bill.GridBoughtKwh, use), Share(bExport, sun), Share(bill.GridSoldKwh, sun),
                bill.PeerBoughtKwh, bill.PeerSoldKwh, Peak(s.ImportKw), Peak(s.ExportKw)));
            baseBills += baseBill;
            marketBills += marketBill;
            baseImport += bImport;
            baseExport += bExport;
            if (use is { } u && u > 0)
            {
                anyConsumption = true;
                consumption += u;
                baseImportKnown += bImport;
                importKnown += bill.GridBoughtKwh;
            }

            if (sun is { } v && v > 0)
            {
                anyPv = true;
                pv += v;
                baseExportKnown += bExport;
                exportKnown += bill.GridSoldKwh;
            }
        }

        var (peak, peakOut) = RootPeaks(final, steps);
        var (basePeak, basePeakOut) = RootPeaks(final.Select(s => baseline[s.ProsumerId]).ToArray(), steps);
        var totals = new CommunityKpi(baseBills, marketBills, baseBills - marketBills,
            anyConsumption ? Share(baseImportKnown, consumption) : null, anyConsumption ? Share(importKnown, consumption) : null,
            anyPv ? Share(baseExportKnown, pv) : null, anyPv ? Share(exportKnown, pv) : null,
            settlement.PeerTradedKwh, settlement.Steps.Sum(x => x.GridImportKwh), settlement.Steps.Sum(x => x.GridExportKwh),
            baseImport, baseExport, peak, peakOut, basePeak, basePeakOut);
        return new MarketKpis(kpis, totals);
    }

    /// <summary>1 − part / whole clamped to [0, 1]; null when the whole is unknown or 0.</summary>
    private static double? Share(double part, double? whole) =>
        whole is { } w && w > 0 ? Math.Clamp(1 - part / w, 0, 1) : null;

    private static double Peak(IReadOnlyList<double> kw) => kw.Count == 0 ? 0 : Math.Max(0, kw.Max());

    private static (double Import, double Export) RootPeaks(IReadOnlyList<ProsumerSchedule> schedules, int steps)
    {
        double import = 0, export = 0;
        for (var t = 0; t < steps; t++)
        {
            var flow = schedules.Sum(s => s.ImportKw[t] - s.ExportKw[t]);
            import = Math.Max(import, flow);
            export = Math.Max(export, -flow);
        }

        return (import, export);
    }
}
