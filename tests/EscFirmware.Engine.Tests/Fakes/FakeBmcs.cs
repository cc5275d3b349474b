using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;

namespace EscFirmware.Engine.Tests.Fakes
{
    /// <summary>
    /// Fake BMCs on 127.0.0.1 for one test (ESC8000s unless a persona is named), with timings short enough that a cmdlet's
    /// whole BMC or BIOS update takes seconds, and the script variables that reach them: $bmcs (addresses),
    /// $thumbprints (pinned certificates), $user and $password.
    /// </summary>
    internal sealed class FakeBmcs : IAsyncDisposable
    {
        public static readonly FakeBmcTimings Fast = new FakeBmcTimings
        {
            BmcRebootDuration = TimeSpan.FromMilliseconds(300),
            FlashStepDuration = TimeSpan.FromMilliseconds(15),
            HpmFlashDuration = TimeSpan.FromMilliseconds(400),
            HpmVerifyDuration = TimeSpan.FromMilliseconds(100),
            GracefulShutdownDuration = TimeSpan.FromMilliseconds(300),
            BiosPostDuration = TimeSpan.FromMilliseconds(400),
        };

        private FakeBmcs(IReadOnlyList<FakeBmcServer> servers)
        {
            Servers = servers;
        }

        public IReadOnlyList<FakeBmcServer> Servers { get; }
        public FakeBmcServer First => Servers[0];

        /// <summary>The iLO persona's upload and task steps, as short as <see cref="Fast"/>.</summary>
        public static readonly IloPersonaOptions FastIlo = new IloPersonaOptions
        {
            UploadStepDuration = TimeSpan.FromMilliseconds(100),
            ApplyDuration = TimeSpan.FromMilliseconds(100),
        };

        public static Task<FakeBmcs> StartAsync(int count = 1, Func<FakeBmcOptions, FakeBmcOptions>? configure = null) =>
            StartAsync(FakePersona.AmiEsc8000, count, configure);

        /// <summary>Fakes of <paramref name="persona"/> with its own names and versions, and the fast timings.</summary>
        public static async Task<FakeBmcs> StartAsync(FakePersona persona, int count, Func<FakeBmcOptions, FakeBmcOptions>? configure = null)
        {
            var servers = new List<FakeBmcServer>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var options = FakeBmcOptions.ForPersona(persona) with { Timings = Fast, Ilo = FastIlo };
                    servers.Add(await FakeBmcServer.StartAsync(configure == null ? options : configure(options)));
                }
                return new FakeBmcs(servers);
            }
            catch
            {
                foreach (var server in servers) await server.DisposeAsync();
                throw;
            }
        }

        /// <summary>The variables scripts use to reach these BMCs: $bmcs, $thumbprints, $user, $password.</summary>
        public Dictionary<string, object> Variables() => new Dictionary<string, object>
        {
            ["bmcs"] = Servers.Select(s => s.Address).ToArray(),
            ["thumbprints"] = Servers.Select(s => s.CertificateSha256).ToArray(),
            ["user"] = First.Options.UserName,
            ["password"] = First.Options.Password,
        };

        public async ValueTask DisposeAsync()
        {
            foreach (var server in Servers) await server.DisposeAsync();
        }
    }
}
