using System;
using System.Threading.Tasks;

namespace EscFirmware.Benchmarks;

/// <summary>
/// The BMC upload benchmark (docs/performance.md): <c>dotnet run -c Release --project bench/EscFirmware.Benchmarks</c>.
/// The fake BMC runs in a child process (<c>--serve</c>) so that this process measures only the client.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == FakeBmcChild.ServeArgument) return await FakeBmcChild.ServeAsync();
        return await UploadBenchmark.RunAsync(args);
    }
}
