using System.Collections.Generic;
using System.Management.Automation;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;

namespace EscFirmware.Commands
{
    /// <summary>The BMC addresses a cmdlet collected from the pipeline, parsed as they arrive.</summary>
    internal sealed class BmcTargetList
    {
        private readonly List<BmcTarget> _targets = new List<BmcTarget>();

        public int Count => _targets.Count;

        public IReadOnlyList<BmcTarget> Targets => _targets;

        /// <summary>Adds the address, or returns the error record that says why it is not one.</summary>
        public ErrorRecord? Add(string name)
        {
            try
            {
                _targets.Add(BmcTarget.Parse(name));
                return null;
            }
            catch (EscFirmwareException invalid)
            {
                return ErrorRecords.From(invalid, name);
            }
        }
    }
}
