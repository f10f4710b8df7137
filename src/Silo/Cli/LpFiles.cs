using System.Text;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Silo.Reporting;

namespace Sems.Silo.Cli;

/// <summary>
/// Writes each subsystem's model in CPLEX LP format as DIR/&lt;subsystem id&gt;.lp, the set whole or not at all
/// (<see cref="AtomicFolder"/>); a subsystem id that is not a plain file name is refused, never used as a path.
/// </summary>
internal static class LpFiles
{
    /// <exception cref="UnsafeFileNameException">A subsystem id is not a plain file name; nothing is written.</exception>
    public static int Write(string directory, District district, MpcOptions options) =>
        AtomicFolder.Write(directory, district.Subsystems.Select(subsystem => new OutputFile(
            [subsystem.Id + ".lp"],
            () => Encoding.UTF8.GetBytes(SubsystemModelBuilder.Build(district, subsystem, options).Program.ToLpFormat()))));
}
