using System.Linq;
using System.Threading.Tasks;

namespace EscFirmware.Benchmarks;

/// <summary>
/// The benchmarks behind docs/performance.md: <c>dotnet run -c Release --project bench/EscFirmware.Benchmarks -- [upload [MiB...] | redfish [MiB...] | ilo [MiB...] | versions [N] | fleet [N]]</c>.
/// Fake BMCs run in a child process so that this process measures only the client.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && (args[0] == FakeBmcChild.ServeArgument || args[0] == FakeBmcChild.ServeFleetArgument || args[0] == FakeBmcChild.ServePersonaArgument)) return await FakeBmcChild.ServeAsync(args);
        var rest = args.Skip(1).ToArray();
        switch (args.FirstOrDefault())
        {
            case "versions": return await VersionReportBenchmark.RunAsync(rest);
            case "fleet": return await FleetUpgradeBenchmark.RunAsync(rest);
            case "upload": return await UploadBenchmark.RunAsync(rest);
            case "redfish": return await PersonaUploadBenchmark.RedfishAsync(rest);
            case "ilo": return await PersonaUploadBenchmark.IloAsync(rest);
            default: return await UploadBenchmark.RunAsync(args);
        }
    }
}
