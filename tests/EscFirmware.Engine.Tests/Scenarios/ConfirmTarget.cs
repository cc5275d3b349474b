using System;
using System.Linq;
using EscFirmware.FakeBmc;

namespace EscFirmware.Engine.Tests.Scenarios
{
    /// <summary>
    /// One thing a cmdlet asks about (a BMC, a package download): the name its prompt and "What if:" line carry, whether
    /// the cmdlet did its work on it, and what, if anything, reached it since the scenario's set-up.
    /// </summary>
    internal sealed class ConfirmTarget
    {
        private readonly Func<bool> _changed;
        private readonly Func<string?> _touched;

        public ConfirmTarget(string name, Func<bool> changed, Func<string?> touched)
        {
            Name = name;
            _changed = changed;
            _touched = touched;
        }

        public string Name { get; }

        public bool Changed => _changed();

        /// <summary>Null when nothing reached it, else what did.</summary>
        public string? Touched => _touched();

        /// <summary>
        /// A fake BMC, as its set-up left it (its request log cleared): changed as the scenario says; touched by any write
        /// since, or a session more than it had then (a latched BMC keeps its rescue session).
        /// </summary>
        public static ConfirmTarget Bmc(FakeBmcServer server, Func<FakeBmcServer, bool> changed)
        {
            var sessionsAtStart = Sessions(server);
            return new ConfirmTarget(server.Address, () => changed(server), () =>
            {
                var writes = server.RequestLog.Mutating;
                if (writes.Count > 0) return string.Join(", ", writes.Select(w => w.Method + " " + w.Path));
                return Sessions(server) > sessionsAtStart ? "a session left open" : null;
            });
        }

        private static int Sessions(FakeBmcServer server) => server.State.ActiveRedfishSessions + server.State.ActiveWebSessions;

        public override string ToString() => Name;
    }
}
