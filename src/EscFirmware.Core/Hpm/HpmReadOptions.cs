namespace EscFirmware.Core.Hpm
{
    public sealed class HpmReadOptions
    {
        /// <summary>The largest image the target accepts (Redfish MaxImageSizeBytes where known); null for no bound.</summary>
        public long? MaxLength { get; set; }
    }
}
