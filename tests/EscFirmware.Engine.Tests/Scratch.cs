using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace EscFirmware.Engine.Tests
{
    public sealed class Scratch
    {
        private readonly ITestOutputHelper _out;
        public Scratch(ITestOutputHelper o) { _out = o; }

        [Fact]
        public async Task Explore()
        {
            await using var fakes = await FakeBmcs.StartAsync(2);
            using var images = new ImageFolder();
            using var session = ModuleSession.Start();
            var v = fakes.Variables(); v["image"] = images.BmcImage; v["journal"] = images.Journals;
            var sw = Stopwatch.StartNew();
            var r = session.Run(@"
                $cred = [pscredential]::new($user, [System.Net.NetworkCredential]::new('', $password).SecurePassword)
                $r = Invoke-EscBmcUpdate -ComputerName $bmcs -Credential $cred -CertificateThumbprint $thumbprints -Path $image -Confirm:$false -Verbose -PollIntervalSec 1
                $r
                $r | Out-Default
                Invoke-EscBmcUpdate -ComputerName $bmcs -Credential $cred -CertificateThumbprint $thumbprints -Path $image -WhatIf
                ", v);
            _out.WriteLine("elapsed " + sw.Elapsed);
            _out.WriteLine(r.Describe());
            foreach (var p in r.Progress) _out.WriteLine($"P {p.ActivityId}<{p.ParentActivityId} {p.RecordType} {p.Activity} | {p.StatusDescription} {p.PercentComplete}");
            _out.WriteLine("host progress " + session.Host.Recorded.Progress.Count);
            foreach (var o in r.Output) _out.WriteLine(string.Join(",", o.TypeNames) + " :: " + string.Join("; ", o.Properties.Select(p => p.Name + "=" + p.Value)));
        }
    }
}
