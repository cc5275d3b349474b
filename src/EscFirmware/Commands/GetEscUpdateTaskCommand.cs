using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the iLO Update Task Queue in order, with each task's State and whether it stalls the tasks behind it.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscUpdateTask")]
    [OutputType(PSTypeNames.UpdateTask)]
    public sealed class GetEscUpdateTaskCommand : EscIloCmdlet
    {
        internal override void Run(CmdletRun run) => TaskQueueOperations.Get(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, 7200), run.Sink, run.Stop);
    }
}
