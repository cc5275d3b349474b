using System;

namespace EscFirmware.Cli
{
    /// <summary>The command line is wrong in a way the parser cannot see (a missing password, conflicting options).</summary>
    public sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message)
        {
        }
    }
}
