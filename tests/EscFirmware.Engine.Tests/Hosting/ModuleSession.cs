using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>
    /// A PowerShell 7.6 runspace on a <see cref="CapturingHost"/> that imported the built module with a plain
    /// `Import-Module &lt;psd1&gt;`, after other RestSharp and Polly versions were loaded into the process. One per test:
    /// runspaces are cheap once the first import loaded the module's assemblies.
    /// </summary>
    internal sealed class ModuleSession : IDisposable
    {
        private ModuleSession(CapturingHost host, Runspace runspace)
        {
            Host = host;
            Runspace = runspace;
        }

        public CapturingHost Host { get; }
        public Runspace Runspace { get; }

        public static ModuleSession Start(HostKind kind = HostKind.Interactive) => Start(new CapturingHost(kind));

        public static ModuleSession Start(CapturingHost host)
        {
            ForeignAssemblies.EnsureLoaded();
            _ = TestStateFolder.Root;
            var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
            runspace.Open();
            var session = new ModuleSession(host, runspace);
            var import = session.Run("Import-Module $manifest -ErrorAction Stop", new Dictionary<string, object> { ["manifest"] = BuiltModule.ManifestPath });
            if (import.Terminating != null || import.Errors.Count > 0)
            {
                session.Dispose();
                throw new InvalidOperationException("Import-Module failed:\n" + import.Describe());
            }
            return session;
        }

        /// <summary>Runs a script to its end; a terminating error is returned, not thrown.</summary>
        public ScriptResult Run(string script, IDictionary<string, object>? variables = null)
        {
            using (var running = Begin(script, variables))
            {
                return running.Wait(TimeSpan.FromMinutes(3));
            }
        }

        /// <summary>Starts a script on this runspace and returns at once, for tests that stop it midway.</summary>
        public RunningScript Begin(string script, IDictionary<string, object>? variables = null)
        {
            foreach (var variable in variables ?? new Dictionary<string, object>())
            {
                Runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
            }
            var shell = PowerShell.Create();
            shell.Runspace = Runspace;
            shell.AddScript(script);
            return new RunningScript(shell, Host);
        }

        public void Dispose() => Runspace.Dispose();
    }

    /// <summary>A script running on a session's runspace; <see cref="Stop"/> is what Ctrl+C and a runbook stop do.</summary>
    internal sealed class RunningScript : IDisposable
    {
        private readonly PowerShell _shell;
        private readonly CapturingHost _host;
        private readonly int _hostTextStart;
        private readonly PSDataCollection<PSObject> _output = new PSDataCollection<PSObject>();
        private readonly Task _invocation;

        public RunningScript(PowerShell shell, CapturingHost host)
        {
            _shell = shell;
            _host = host;
            _hostTextStart = host.Recorded.Text.Length;
            var input = new PSDataCollection<PSObject>();
            input.Complete();
            _invocation = Task.Factory.FromAsync(_shell.BeginInvoke(input, _output), _shell.EndInvoke);
        }

        /// <summary>The output so far (the collection fills while the script runs).</summary>
        public IReadOnlyList<PSObject> OutputSoFar => new List<PSObject>(_output);

        public bool IsCompleted => _invocation.IsCompleted;

        /// <summary>PowerShell.Stop(): StopProcessing on the running cmdlet, then a PipelineStoppedException.</summary>
        public void Stop() => _shell.Stop();

        public ScriptResult Wait(TimeSpan limit)
        {
            Exception? terminating = null;
            try
            {
                if (!_invocation.Wait(limit))
                {
                    _shell.Stop();
                    throw new TimeoutException("The script did not finish within " + limit + ".");
                }
            }
            catch (AggregateException failed) when (failed.InnerException != null)
            {
                terminating = failed.InnerException;
            }
            var hostText = _host.Recorded.Text;
            return new ScriptResult(new List<PSObject>(_output), _shell.Streams, terminating, hostText.Substring(Math.Min(_hostTextStart, hostText.Length)));
        }

        public void Dispose() => _shell.Dispose();
    }
}
