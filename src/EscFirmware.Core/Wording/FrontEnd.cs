using System;
using System.Threading;

namespace EscFirmware.Core.Wording
{
    /// <summary>Who reads a message: a PowerShell user (cmdlets, -Parameters) or an escfw user (verbs, --flags).</summary>
    public enum FrontEnd
    {
        PowerShell,
        Escfw,
    }

    /// <summary>
    /// The front end whose words <see cref="Phrase.ToString"/> uses: PowerShell unless escfw set its own for the call tree
    /// it runs (an AsyncLocal, so the host tasks an operation starts inherit it and parallel tests do not see each other's).
    /// </summary>
    public static class FrontEnds
    {
        private static readonly AsyncLocal<FrontEnd?> Ambient = new AsyncLocal<FrontEnd?>();

        public static FrontEnd Current => Ambient.Value ?? FrontEnd.PowerShell;

        /// <summary>Words of <paramref name="frontEnd"/> until the returned scope is disposed.</summary>
        public static IDisposable Use(FrontEnd frontEnd)
        {
            var previous = Ambient.Value;
            Ambient.Value = frontEnd;
            return new Scope(() => Ambient.Value = previous);
        }

        private sealed class Scope : IDisposable
        {
            private Action? _restore;

            public Scope(Action restore) => _restore = restore;

            public void Dispose()
            {
                _restore?.Invoke();
                _restore = null;
            }
        }
    }
}
