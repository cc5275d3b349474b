using System;
using System.Management.Automation;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;

namespace EscFirmware.Commands
{
    /// <summary>
    /// The parameters every cmdlet that talks to BMCs shares. Hosts arrive through the pipeline in ProcessRecord and
    /// run together, throttled, in EndProcessing.
    /// </summary>
    public abstract class EscBmcCmdlet : EscCmdlet
    {
        private readonly BmcTargetList _targets = new BmcTargetList();
        private PSCredential? _firstCredential;

        /// <summary>The BMC addresses: host name or IP, optionally with :PORT.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName", "IPAddress", "BmcAddress", "PSComputerName")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; } = Array.Empty<string>();

        /// <summary>A BMC administrator account.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>Accept any BMC certificate (labs only). Excludes -CertificateThumbprint.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Accept exactly the BMC certificates with these SHA-256 thumbprints (one per BMC in a fleet).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[0-9A-Fa-f:\\- ]{64,95}$")]
        public string[]? CertificateThumbprint { get; set; }

        /// <summary>How many BMCs are worked on at once: up to 256 for read-only cmdlets, 64 for cmdlets that change BMCs.</summary>
        [Parameter]
        [ValidateRange(1, BmcFleetRequest.MaxReadThrottleLimit)]
        public int ThrottleLimit { get; set; } = BmcFleetRequest.DefaultThrottleLimit;

        /// <summary>How long one request to a BMC may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 30;

        protected override void ProcessRecord()
        {
            RefuseASecondCredential();
            foreach (var name in ComputerName)
            {
                var invalid = _targets.Add(name);
                if (invalid != null) WriteError(invalid);
            }
        }

        /// <summary>The highest -ThrottleLimit this cmdlet takes; read-only cmdlets raise it to <see cref="BmcFleetRequest.MaxReadThrottleLimit"/>.</summary>
        internal virtual int MaxThrottleLimit => BmcFleetRequest.MaxChangeThrottleLimit;

        protected override void EndProcessing()
        {
            if (ThrottleLimit > MaxThrottleLimit)
            {
                ThrowTerminatingError(ErrorRecords.From(new EscFirmwareException("EscThrottleLimitTooHigh", ErrorKind.InvalidArgument,
                    "-ThrottleLimit " + ThrottleLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is above "
                    + MaxThrottleLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", the most for " + MyInvocation.MyCommand.Name + ", which changes BMCs.",
                    recommendedAction: "Use -ThrottleLimit " + MaxThrottleLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + " or less; read-only cmdlets such as Get-EscFirmwareVersion take up to " + BmcFleetRequest.MaxReadThrottleLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + "."),
                    ThrottleLimit));
                return;
            }
            if (_targets.Count == 0) return;
            TlsPolicy tls;
            try
            {
                tls = TlsPolicy.From(SkipCertificateCheck.IsPresent, CertificateThumbprint);
            }
            catch (EscFirmwareException invalid)
            {
                ThrowTerminatingError(ErrorRecords.From(invalid, string.Join(",", CertificateThumbprint ?? Array.Empty<string>())));
                return;
            }
            var credential = new BmcCredential(Credential.UserName, Credential.Password.Copy());
            var connection = BmcConnectionSettings.WithRequestTimeout(TimeSpan.FromSeconds(TimeoutSec));
            var request = new BmcFleetRequest(_targets.Targets, credential, tls, connection, ThrottleLimit);
            Run(new CmdletRun(request, Sink, StopToken));
        }

        /// <summary>
        /// Rows that bring their own Credential property bind it one by one, but one run logs in with one credential:
        /// rather than using the last row's for every server, refuse rows that differ.
        /// </summary>
        private void RefuseASecondCredential()
        {
            if (_firstCredential == null)
            {
                _firstCredential = Credential;
                return;
            }
            if (ReferenceEquals(_firstCredential, Credential)) return;
            if (string.Equals(_firstCredential.UserName, Credential.UserName, StringComparison.Ordinal)
                && _firstCredential.GetNetworkCredential().Password == Credential.GetNetworkCredential().Password) return;
            ThrowTerminatingError(ErrorRecords.From(CmdletErrors.CredentialsDiffer(MyInvocation.MyCommand.Name, _firstCredential.UserName, Credential.UserName, string.Join(",", ComputerName))));
        }

        /// <summary>Runs the cmdlet's operation over the collected BMCs, writing through this cmdlet.</summary>
        internal abstract void Run(CmdletRun run);
    }
}
