using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the install sets of HPE iLOs (ordered update sequences of repository components).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscInstallSet")]
    [OutputType(PSTypeNames.InstallSet)]
    public sealed class GetEscInstallSetCommand : EscIloCmdlet
    {
        internal override void Run(CmdletRun run) => InstallSetOperations.Get(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, 7200), run.Sink, run.Stop);
    }
}
