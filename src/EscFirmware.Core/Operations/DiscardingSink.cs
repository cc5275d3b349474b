namespace EscFirmware.Core.Operations
{
    /// <summary>Where records go once the real sink has failed (a stopped pipeline): nowhere; and nothing more is approved.</summary>
    public sealed class DiscardingSink : IConfirmingSink
    {
        public static DiscardingSink Instance { get; } = new DiscardingSink();

        private DiscardingSink()
        {
        }

        public void WriteObject(object item) { }
        public void WriteError(OperationError error) { }
        public void WriteWarning(string message) { }
        public void WriteVerbose(string message) { }
        public void WriteDebug(string message) { }
        public void WriteProgress(OperationProgress progress) { }
        public bool ShouldProcess(string target, string action) => false;
    }
}
