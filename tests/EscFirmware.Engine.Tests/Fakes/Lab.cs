using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;

namespace EscFirmware.Engine.Tests.Fakes
{
    /// <summary>
    /// One test's set-up in one object: a hosted engine that imported the module, fake BMCs, an image folder, a fake
    /// support site when asked for, and every script variable that reaches them ($bmcs, $thumbprints, $cred, $pinned,
    /// $bmcImage, $journal, ..., $site and $siteThumbprint).
    /// </summary>
    internal sealed class Lab : IAsyncDisposable
    {
        private Lab(ModuleSession session, FakeBmcs fakes, ImageFolder images, FakeSupportSite? site)
        {
            Session = session;
            Fakes = fakes;
            Images = images;
            Site = site;
        }

        public ModuleSession Session { get; }
        public FakeBmcs Fakes { get; }
        public ImageFolder Images { get; }
        public IReadOnlyList<FakeBmcServer> Servers => Fakes.Servers;
        public FakeBmcServer First => Fakes.First;
        public CapturingHostUserInterface Host => Session.Host.Recorded;
        public FakeSupportSite? Site { get; }

        public static Task<Lab> StartAsync(int count = 1, Func<FakeBmcOptions, FakeBmcOptions>? configure = null, HostKind host = HostKind.Interactive) =>
            StartAsync(FakePersona.AmiEsc8000, count, configure, host);

        public static async Task<Lab> StartAsync(FakePersona persona, int count, Func<FakeBmcOptions, FakeBmcOptions>? configure = null,
            HostKind host = HostKind.Interactive, bool withSite = false)
        {
            var images = new ImageFolder();
            FakeBmcs? fakes = null;
            FakeSupportSite? site = null;
            try
            {
                fakes = await FakeBmcs.StartAsync(persona, count, configure);
                if (withSite) site = await FakeSupportSite.StartAsync();
                return new Lab(ModuleSession.Start(host), fakes, images, site);
            }
            catch
            {
                if (site != null) await site.DisposeAsync();
                if (fakes != null) await fakes.DisposeAsync();
                images.Dispose();
                throw;
            }
        }

        /// <summary>Runs the script after the credential prelude, with the lab's variables and any extra ones.</summary>
        public ScriptResult Run(string script, IDictionary<string, object>? extra = null) => Session.RunAgainst(Fakes, script, With(extra));

        public RunningScript Begin(string script, IDictionary<string, object>? extra = null) => Session.BeginAgainst(Fakes, script, With(extra));

        private Dictionary<string, object> With(IDictionary<string, object>? extra)
        {
            var variables = Images.Variables();
            if (Site != null)
            {
                variables["site"] = Site.BaseUri;
                variables["siteThumbprint"] = Site.CertificateSha256;
            }
            foreach (var pair in extra ?? new Dictionary<string, object>()) variables[pair.Key] = pair.Value;
            return variables;
        }

        public async ValueTask DisposeAsync()
        {
            Session.Dispose();
            if (Site != null) await Site.DisposeAsync();
            await Fakes.DisposeAsync();
            Images.Dispose();
        }
    }
}
