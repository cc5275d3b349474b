namespace EscFirmware.Core.Wording
{
    /// <summary>
    /// A parameter in both front ends: the cmdlet's <c>-ShutdownHost</c> is escfw's <c>--shutdown-host</c>. Messages name
    /// parameters only through these, so each front end reads its own words. Add one here when a message needs it.
    /// </summary>
    public sealed class EscParameter : IWording
    {
        public static readonly EscParameter All = new EscParameter("All", "all");
        public static readonly EscParameter AllowDowngrade = new EscParameter("AllowDowngrade", "allow-downgrade");
        public static readonly EscParameter AuditPath = new EscParameter("AuditPath", "audit-path");
        public static readonly EscParameter BiosImage = new EscParameter("BiosImage", "bios-path");
        public static readonly EscParameter BiosVersion = new EscParameter("BiosVersion", "bios-version");
        public static readonly EscParameter BmcImage = new EscParameter("BmcImage", "bmc-path");
        public static readonly EscParameter BmcVersion = new EscParameter("BmcVersion", "bmc-version");
        public static readonly EscParameter CatalogPath = new EscParameter("CatalogPath", "catalog-path");
        public static readonly EscParameter CertificateThumbprint = new EscParameter("CertificateThumbprint", "certificate-thumbprint");
        public static readonly EscParameter CompleteFlash = new EscParameter("CompleteFlash", "complete-flash");
        public static readonly EscParameter Force = new EscParameter("Force", "force");
        public static readonly EscParameter ForceOffAfterSec = new EscParameter("ForceOffAfterSec", "force-off-after-sec");
        public static readonly EscParameter FwUpdateId = new EscParameter("FwUpdateId", "fw-update-id");
        public static readonly EscParameter Latest = new EscParameter("Latest", "latest");
        public static readonly EscParameter Model = new EscParameter("Model", "model");
        public static readonly EscParameter PowerOn = new EscParameter("PowerOn", "power-on");
        public static readonly EscParameter ShutdownHost = new EscParameter("ShutdownHost", "shutdown-host");
        public static readonly EscParameter TargetBiosVersion = new EscParameter("TargetBiosVersion", "target-bios-version");
        public static readonly EscParameter TargetBmcVersion = new EscParameter("TargetBmcVersion", "target-bmc-version");
        public static readonly EscParameter SkipCertificateCheck = new EscParameter("SkipCertificateCheck", "skip-certificate-check");
        public static readonly EscParameter ThrottleLimit = new EscParameter("ThrottleLimit", "throttle");
        public static readonly EscParameter TimeoutSec = new EscParameter("TimeoutSec", "timeout-sec");
        public static readonly EscParameter UploadTimeoutSec = new EscParameter("UploadTimeoutSec", "upload-timeout-sec");
        public static readonly EscParameter WhatIf = new EscParameter("WhatIf", "whatif");
        public static readonly EscParameter ApplyTime = new EscParameter("ApplyTime", "apply-time");
        public static readonly EscParameter ImageUri = new EscParameter("ImageUri", "image-uri");
        public static readonly EscParameter ImagePath = new EscParameter("Path", "path");
        public static readonly EscParameter RestartHost = new EscParameter("RestartHost", "restart-host");
        public static readonly EscParameter TaskTimeoutSec = new EscParameter("TaskTimeoutSec", "task-timeout-sec");
        public static readonly EscParameter CompsigPath = new EscParameter("CompsigPath", "compsig");
        public static readonly EscParameter Flash = new EscParameter("Flash", "flash");
        public static readonly EscParameter StartAfter = new EscParameter("StartAfter", "start-after");
        public static readonly EscParameter Expire = new EscParameter("Expire", "expire");
        public static readonly EscParameter CatalogUri = new EscParameter("CatalogUri", "catalog-uri");
        public static readonly EscParameter CaCertificate = new EscParameter("CaCertificatePath", "ca-certificate");
        public static readonly EscParameter MirrorCertificateThumbprint = new EscParameter("MirrorCertificateThumbprint", "mirror-certificate-thumbprint");

        private EscParameter(string cmdletName, string flagName)
        {
            CmdletName = cmdletName;
            FlagName = flagName;
        }

        /// <summary>The cmdlet parameter's name, without the dash.</summary>
        public string CmdletName { get; }

        /// <summary>escfw's flag, without the dashes.</summary>
        public string FlagName { get; }

        /// <summary>The parameter with a value: <c>-FwUpdateId &lt;id&gt;</c> / <c>--fw-update-id &lt;id&gt;</c>.</summary>
        public IWording With(object value) => Phrase.Of($"{this} {value}");

        public string Render(FrontEnd frontEnd) => frontEnd == FrontEnd.Escfw ? "--" + FlagName : "-" + CmdletName;

        public override string ToString() => Render(FrontEnds.Current);
    }
}
