using System;
using System.Collections.Generic;
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
        private readonly List<BmcTarget> _targets = new List<BmcTarget>();

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

        /// <summary>Accept exactly the BMC certificate with this SHA-256 thumbprint.</summary>
        [Parameter]
        [ValidatePattern("^[0-9A-Fa-f:\\- ]{64,95}$")]
        public string? CertificateThumbprint { get; set; }

        /// <summary>How many BMCs are worked on at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = BmcFleetRequest.DefaultThrottleLimit;

        /// <summary>How long one request to a BMC may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 30;

        protected override void ProcessRecord()
        {
            foreach (var name in ComputerName)
            {
                try
                {
                    _targets.Add(BmcTarget.Parse(name));
                }
                catch (EscFirmwareException invalid)
                {
                    WriteError(ErrorRecords.From(OperationError.FromException(invalid, name)));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_targets.Count == 0) return;
            TlsPolicy tls;
            try
            {
                tls = TlsPolicy.From(SkipCertificateCheck.IsPresent, CertificateThumbprint);
            }
            catch (EscFirmwareException invalid)
            {
                ThrowTerminating(invalid, CertificateThumbprint);
                return;
            }
            var credential = new BmcCredential(Credential.UserName, Credential.Password.Copy());
            var request = new BmcFleetRequest(_targets, credential, tls, ConnectionSettings(), ThrottleLimit);
            Run(request);
        }

        /// <summary>The connection settings from -TimeoutSec; cmdlets with more timeouts extend them.</summary>
        protected virtual BmcConnectionSettings ConnectionSettings() =>
            BmcConnectionSettings.WithRequestTimeout(TimeSpan.FromSeconds(TimeoutSec));

        /// <summary>Runs the cmdlet's operation over the collected BMCs, writing through this cmdlet.</summary>
        protected abstract void Run(BmcFleetRequest request);
    }
}
