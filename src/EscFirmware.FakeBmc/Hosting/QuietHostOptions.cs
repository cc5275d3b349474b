using Microsoft.AspNetCore.Builder;

namespace EscFirmware.FakeBmc.Hosting;

/// <summary>
/// Host options for the fakes: they read no configuration files, so none is watched. A watcher per host would use one
/// inotify instance each, and Linux allows 128 per user: a 500-BMC fleet would not start.
/// </summary>
public static class QuietHostOptions
{
    public static WebApplicationOptions Create() => new() { Args = ["--hostBuilder:reloadConfigOnChange=false"] };
}
