using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests.Scenarios
{
    /// <summary>
    /// How the every-cmdlet tables run one cmdlet over two targets: which fakes it needs, a set-up that puts each target
    /// in the state the cmdlet works on (run with -Confirm:$false, then the request logs are cleared), the pipeline
    /// that feeds it (<c>$bmcs | Invoke-EscBmcUpdate @pinned -Path $bmcImage ...</c>: the switch under test is appended),
    /// and how to tell that it did its work on a target.
    /// </summary>
    internal sealed class CmdletScenario
    {
        private readonly Func<FakeBmcOptions, FakeBmcOptions>? _configure;
        private readonly Action<Lab>? _prepare;
        private readonly Func<Lab, IReadOnlyList<ConfirmTarget>> _targets;
        private readonly Func<Lab, string>? _shouldProcessTarget;

        private CmdletScenario(string cmdlet, FakePersona persona, string pipeline, string setup, Func<FakeBmcOptions, FakeBmcOptions>? configure,
            Action<Lab>? prepare, bool withSite, Func<Lab, IReadOnlyList<ConfirmTarget>> targets, Func<Lab, string>? shouldProcessTarget = null)
        {
            _shouldProcessTarget = shouldProcessTarget;
            Cmdlet = cmdlet;
            Persona = persona;
            Pipeline = pipeline;
            Setup = setup;
            _configure = configure;
            _prepare = prepare;
            WithSite = withSite;
            _targets = targets;
        }

        public string Cmdlet { get; }
        public FakePersona Persona { get; }

        /// <summary>Feeds $bmcs (or another list) into the cmdlet with every parameter it needs but the one under test.</summary>
        public string Pipeline { get; }

        /// <summary>The cmdlet and its parameters alone, for scripts that feed it otherwise ("$rows | " + Invocation).</summary>
        public string Invocation => Pipeline.Substring(Pipeline.IndexOf(Cmdlet, StringComparison.Ordinal));

        public string Setup { get; }
        public bool WithSite { get; }

        /// <summary>
        /// A cmdlet that works on the BMCs in $bmcs; <paramref name="changed"/> says it did its work on one. The fakes start
        /// with <paramref name="configure"/>, then <paramref name="prepare"/> and the <paramref name="setup"/> script run.
        /// </summary>
        public static CmdletScenario OnBmcs(string cmdlet, FakePersona persona, string invocation, Func<FakeBmcServer, bool> changed,
            string setup = "", Func<FakeBmcOptions, FakeBmcOptions>? configure = null, Action<Lab>? prepare = null) =>
            new CmdletScenario(cmdlet, persona, "$bmcs | " + invocation, setup, configure, prepare, withSite: false,
                lab => lab.Servers.Select(server => ConfirmTarget.Bmc(server, changed)).ToList());

        /// <summary>
        /// A cmdlet that works on something else than BMCs (support-site downloads): its prompts name each of
        /// <paramref name="targets"/> in the action, and <paramref name="shouldProcessTarget"/> as the target.
        /// </summary>
        public static CmdletScenario Other(string cmdlet, string pipeline, Func<Lab, IReadOnlyList<ConfirmTarget>> targets, Func<Lab, string> shouldProcessTarget) =>
            new CmdletScenario(cmdlet, FakePersona.AmiEsc8000, pipeline, string.Empty, null, null, withSite: true, targets, shouldProcessTarget);

        /// <summary>Two fakes (a pipeline of two inputs), the set-up done and forgotten by the fakes' request logs.</summary>
        public async Task<Lab> StartAsync(HostKind host = HostKind.Interactive)
        {
            var lab = await Lab.StartAsync(Persona, 2, _configure, host, WithSite);
            try
            {
                _prepare?.Invoke(lab);
                if (Setup.Length > 0)
                {
                    var setUp = lab.Run(Setup);
                    Assert.True(setUp.Terminating == null && setUp.Errors.Count == 0, Cmdlet + " set-up:\n" + setUp.Describe());
                }
                foreach (var server in lab.Servers) server.RequestLog.Clear();
                return lab;
            }
            catch
            {
                await lab.DisposeAsync();
                throw;
            }
        }

        /// <summary>What the cmdlet asks about in this lab, as its set-up left it.</summary>
        public IReadOnlyList<ConfirmTarget> Targets(Lab lab) => _targets(lab);

        /// <summary>The target ShouldProcess names (a refused confirmation's TargetObject): the target itself unless said otherwise.</summary>
        public bool IsShouldProcessTarget(Lab lab, string? target) =>
            _shouldProcessTarget != null ? _shouldProcessTarget(lab) == target : Targets(lab).Any(t => t.Name == target);

        public override string ToString() => Cmdlet;
    }
}
