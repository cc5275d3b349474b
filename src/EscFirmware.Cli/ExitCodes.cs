namespace EscFirmware.Cli
{
    /// <summary>escfw's exit codes, the same for every verb.</summary>
    public static class ExitCodes
    {
        public const int Success = 0;
        public const int SomeTargetFailed = 1;
        public const int UsageError = 2;
    }
}
