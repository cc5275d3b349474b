using System.Collections.Generic;
using EscFirmware.Engine.Tests.Fakes;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>Running scripts against fake BMCs the way the docs tell users to: a PSCredential built in the script, certificates pinned.</summary>
    internal static class Scripts
    {
        /// <summary>
        /// $cred from $user and $password, and $pinned (Credential and CertificateThumbprint) to splat into BMC cmdlets.
        /// Only Microsoft.PowerShell.Core exists in the hosted engine: no ConvertTo-SecureString.
        /// </summary>
        public const string Prelude =
            "$cred = [pscredential]::new($user, [System.Net.NetworkCredential]::new('', $password).SecurePassword)\n" +
            "$pinned = @{ Credential = $cred; CertificateThumbprint = $thumbprints }\n";

        /// <summary>Runs <paramref name="script"/> after the prelude, with the fakes' variables and any extra ones.</summary>
        public static ScriptResult RunAgainst(this ModuleSession session, FakeBmcs fakes, string script, IDictionary<string, object>? extra = null) =>
            session.Run(Prelude + script, With(fakes, extra));

        public static RunningScript BeginAgainst(this ModuleSession session, FakeBmcs fakes, string script, IDictionary<string, object>? extra = null) =>
            session.Begin(Prelude + script, With(fakes, extra));

        private static Dictionary<string, object> With(FakeBmcs fakes, IDictionary<string, object>? extra)
        {
            var variables = fakes.Variables();
            foreach (var pair in extra ?? new Dictionary<string, object>()) variables[pair.Key] = pair.Value;
            return variables;
        }
    }
}
