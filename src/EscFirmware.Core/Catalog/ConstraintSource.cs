namespace EscFirmware.Core.Catalog
{
    /// <summary>Where a release's "flash only over version X or later" came from.</summary>
    public enum ConstraintSource
    {
        /// <summary>No constraint known.</summary>
        None,

        /// <summary>The documented field of the local catalog format (MinimumFromVersion, MinimumBmcVersion).</summary>
        Catalog,

        /// <summary>A "requires at least" / "must first be updated to" sentence in the vendor's release notes.</summary>
        ReleaseNotes,

        /// <summary>The HPM.1 image header's earliest compatible revision, read once the package was at hand.</summary>
        Image,
    }
}
