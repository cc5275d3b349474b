using EscFirmware.Core.Operations;

namespace EscFirmware.Cli.Output
{
    /// <summary>An error's problem as escfw prints it: the target once (none for an error about no target) (messages that already start with it are not
    /// prefixed again) and the BMC's own code named as the BMC's.</summary>
    internal static class ErrorText
    {
        public static string Problem(OperationError error)
        {
            var message = error.Message;
            var text = error.Target.Length == 0 || message.StartsWith(error.Target + ":", System.StringComparison.Ordinal) ? message : error.Target + ": " + message;
            return error.VendorCode != null ? text + " [BMC code " + error.VendorCode + "]" : text;
        }
    }
}
