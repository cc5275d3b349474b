using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the components in the iLO Repository of HPE iLOs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscRepositoryComponent")]
    [OutputType(PSTypeNames.RepositoryComponent)]
    public sealed class GetEscRepositoryComponentCommand : EscIloCmdlet
    {
        internal override void Run(CmdletRun run) => RepositoryOperations.Get(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, 7200), run.Sink, run.Stop);
    }
}
