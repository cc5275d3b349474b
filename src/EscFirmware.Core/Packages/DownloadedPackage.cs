namespace EscFirmware.Core.Packages
{
    public sealed class DownloadedPackage
    {
        public DownloadedPackage(string path, string sha256, bool reused)
        {
            Path = path;
            Sha256 = sha256;
            Reused = reused;
        }

        public string Path { get; }
        /// <summary>Lower-case hex SHA-256 of the file, also written next to it as <c>&lt;file&gt;.sha256</c>.</summary>
        public string Sha256 { get; }
        /// <summary>True when a verified copy was already there and nothing was downloaded.</summary>
        public bool Reused { get; }
    }
}
