namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>What Invoke-EscRedfishUpdate / escfw update redfish was asked to do on each BMC.</summary>
    public sealed class GenericUpdateOptions
    {
        /// <summary>Bmc or Bios.</summary>
        public FirmwareComponent Component { get; set; } = FirmwareComponent.Bmc;
        /// <summary>A local image, pushed through MultipartHttpPushUri or HttpPushUri. Exactly one of this and <see cref="ImageUri"/>.</summary>
        public string? ImagePath { get; set; }
        /// <summary>An image the BMC fetches itself (SimpleUpdate), from a server the user runs.</summary>
        public string? ImageUri { get; set; }
        /// <summary>Immediate (default) or OnReset: when the BMC activates the image.</summary>
        public string ApplyTime { get; set; } = "Immediate";
        /// <summary>The version the inventory must show afterwards; without it, any change from the old version counts.</summary>
        public string? ExpectedVersion { get; set; }
        /// <summary>Consent to restart the host when a BIOS update needs a reset to activate (the host's work stops).</summary>
        public bool RestartHost { get; set; }
        public GenericUpdateSettings Settings { get; set; } = new GenericUpdateSettings();
        /// <summary>-WhatIf / --whatif: a plan that is not approved answers WhatIf rather than "declined".</summary>
        public bool WhatIf { get; set; }
    }
}
