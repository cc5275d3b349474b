using System.Linq;

namespace EscFirmware.Core.Wording
{
    /// <summary>
    /// A command in both front ends: the cmdlet <c>Get-EscBmcState</c> is <c>escfw state</c>. A next step that says what to
    /// run is an invocation: <c>EscCommand.ExitUpdateMode.For(host, EscParameter.CompleteFlash)</c> reads
    /// <c>Exit-EscUpdateMode bmc01 -CompleteFlash</c> or <c>escfw exit-update-mode --bmc bmc01 --complete-flash</c>.
    /// </summary>
    public sealed class EscCommand : IWording
    {
        public static readonly EscCommand ExitUpdateMode = new EscCommand("Exit-EscUpdateMode", "exit-update-mode");
        public static readonly EscCommand FindFirmware = new EscCommand("Find-EscFirmware", "catalog");
        public static readonly EscCommand GetBmcState = new EscCommand("Get-EscBmcState", "state");
        public static readonly EscCommand GetFirmwareAudit = new EscCommand("Get-EscFirmwareAudit", "audit");
        public static readonly EscCommand GetFirmwareVersion = new EscCommand("Get-EscFirmwareVersion", "version");
        public static readonly EscCommand GetUpgradePath = new EscCommand("Get-EscUpgradePath", "path");
        public static readonly EscCommand InvokeBiosUpdate = new EscCommand("Invoke-EscBiosUpdate", "update bios");
        public static readonly EscCommand InvokeBmcUpdate = new EscCommand("Invoke-EscBmcUpdate", "update bmc");
        public static readonly EscCommand InvokeFirmwareUpgrade = new EscCommand("Invoke-EscFirmwareUpgrade", "upgrade");
        public static readonly EscCommand SaveFirmwarePackage = new EscCommand("Save-EscFirmwarePackage", "package save");
        public static readonly EscCommand TestFirmwareImage = new EscCommand("Test-EscFirmwareImage", "image test");
        public static readonly EscCommand GetFirmwareInventory = new EscCommand("Get-EscFirmwareInventory", "inventory");
        public static readonly EscCommand InvokeRedfishUpdate = new EscCommand("Invoke-EscRedfishUpdate", "update redfish");
        public static readonly EscCommand AddRepositoryComponent = new EscCommand("Add-EscRepositoryComponent", "ilo component add");
        public static readonly EscCommand GetRepositoryComponent = new EscCommand("Get-EscRepositoryComponent", "ilo component list");
        public static readonly EscCommand GetUpdateTask = new EscCommand("Get-EscUpdateTask", "ilo task list");
        public static readonly EscCommand RemoveUpdateTask = new EscCommand("Remove-EscUpdateTask", "ilo task remove");
        public static readonly EscCommand GetInstallSet = new EscCommand("Get-EscInstallSet", "ilo installset list");

        private EscCommand(string cmdletName, string verb)
        {
            CmdletName = cmdletName;
            Verb = verb;
        }

        public string CmdletName { get; }

        /// <summary>escfw's verb (one or two words), without "escfw".</summary>
        public string Verb { get; }

        /// <summary>The command run against one BMC, with parameters (<see cref="EscParameter"/> or <see cref="EscParameter.With"/>).</summary>
        public IWording For(string host, params IWording[] parameters) => new Invocation(this, host, parameters);

        /// <summary>The command run without a BMC, with parameters.</summary>
        public IWording With(params IWording[] parameters) => new Invocation(this, null, parameters);

        public string Render(FrontEnd frontEnd) => frontEnd == FrontEnd.Escfw ? "escfw " + Verb : CmdletName;

        public override string ToString() => Render(FrontEnds.Current);

        private sealed class Invocation : IWording
        {
            private readonly EscCommand _command;
            private readonly string? _host;
            private readonly IWording[] _parameters;

            public Invocation(EscCommand command, string? host, IWording[] parameters)
            {
                _command = command;
                _host = host;
                _parameters = parameters;
            }

            public string Render(FrontEnd frontEnd)
            {
                var words = new[] { _command.Render(frontEnd) }
                    .Concat(_host == null ? Enumerable.Empty<string>() : new[] { frontEnd == FrontEnd.Escfw ? "--bmc " + _host : _host })
                    .Concat(_parameters.Select(parameter => parameter.Render(frontEnd)));
                return string.Join(" ", words);
            }

            public override string ToString() => Render(FrontEnds.Current);
        }
    }
}
