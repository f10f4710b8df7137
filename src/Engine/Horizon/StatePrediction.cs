using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Engine.Horizon;

/// <summary>
/// The state a plan predicts for the start of the next step: each store's SoC[1] and each state-space demand's
/// x[1] = A·x0 + Σ_q B[q]·u_in[q][0] + Σ_d E[d]·d[0] (eq. 13). Used as the next cycle's initial state when no fresh
/// measurement arrives.
/// </summary>
public static class StatePrediction
{
    public static (IReadOnlyDictionary<string, double> SocKwh, IReadOnlyDictionary<string, double[]> States) Next(Subsystem subsystem, SubsystemResult plan)
    {
        ArgumentNullException.ThrowIfNull(subsystem);
        ArgumentNullException.ThrowIfNull(plan);
        var soc = plan.Stores.ToDictionary(s => s.Id, s => s.SocKwh[1], StringComparer.Ordinal);
        var states = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var demand in subsystem.Demands.OfType<StateSpaceDemand>())
        {
            var inputs = plan.Demands.First(d => d.Id == demand.Id).InputKw;
            var x1 = new double[demand.StateCount];
            for (var k = 0; k < demand.StateCount; k++)
            {
                for (var j = 0; j < demand.StateCount; j++) x1[k] += demand.A[k][j] * demand.X0[j];
                foreach (var (q, column) in demand.B) x1[k] += column[k] * inputs[q][0];
                foreach (var (d, column) in demand.E) x1[k] += column[k] * subsystem.Disturbances[d][0];
            }

            states[demand.Id] = x1;
        }

        return (soc, states);
    }
}
