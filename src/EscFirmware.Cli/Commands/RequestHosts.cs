using System.Collections.Generic;
using System.Linq;
using EscFirmware.Core.Operations;

namespace EscFirmware.Cli.Commands
{
    internal static class RequestHosts
    {
        /// <summary>The hosts a verb was given, as results name them: an error about one of these belongs in its object.</summary>
        public static IEnumerable<string> Hosts(this BmcFleetRequest request) => request.Targets.Select(t => t.DisplayName);
    }
}
