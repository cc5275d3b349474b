using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Safety
{
    /// <summary>
    /// Everything one operation holds on one BMC: the per-BMC lock, the journal entry, the connection, the sessions,
    /// update mode itself. Each resource registers its undo step the moment it is acquired ("leave update mode" as soon
    /// as a FWUPDATEID exists); <see cref="CloseAsync"/> runs them last-in-first-out whatever happened, each guarded and
    /// bounded by its own limit, records every outcome in the journal, finishes the journal and releases the lock —
    /// and nothing in it reports to the pipeline: the caller reports afterwards, from the outcomes it returns.
    /// </summary>
    public sealed class UpdateScope
    {
        private readonly List<UndoStep> _steps = new List<UndoStep>();
        private readonly List<UndoOutcome> _outcomes = new List<UndoOutcome>();
        private readonly object _gate = new object();
        private BmcLock? _lock;
        private UpdateJournal? _journal;
        private UpdateJournalEntry? _entry;

        public UpdateScope(BmcTarget target) => Target = target;

        public BmcTarget Target { get; }

        /// <summary>The journal entry of this update, once <see cref="BeginJournal"/> ran.</summary>
        public UpdateJournalEntry? Entry => _entry;

        public UpdateJournal? Journal => _journal;

        /// <summary>Takes this BMC's lock for the whole scope (refused with the owner's description when another operation holds it).</summary>
        public void TakeLock(string operation)
        {
            if (_lock != null) return;
            _lock = BmcLock.Acquire(Target, operation);
        }

        /// <summary>Starts the journal entry; it is finished by <see cref="CloseAsync"/>, after every undo step.</summary>
        public UpdateJournalEntry BeginJournal(UpdateJournal journal, Func<UpdateJournal, UpdateJournalEntry> begin)
        {
            _journal = journal;
            _entry = begin(journal);
            return _entry;
        }

        /// <summary>Adopts an existing journal entry (recovery acts on the entry an earlier run left).</summary>
        public void AdoptJournal(UpdateJournal journal, UpdateJournalEntry? entry)
        {
            _journal = journal;
            _entry = entry;
        }

        /// <summary>Records a phase in the journal, if one was begun. Journal problems never stop an update's cleanup.</summary>
        public void Record(string phase, string? note = null)
        {
            if (_entry != null) _journal!.RecordPhase(_entry, phase, note);
        }

        /// <summary>
        /// Opens the connection to this BMC and registers its two undo steps at once: the Redfish session it will carry
        /// (whichever one <paramref name="redfishSession"/> returns at cleanup time, renewed or not) is closed first, the
        /// connection last.
        /// </summary>
        public BmcConnection Connect(BmcFleetRequest request, IOperationSink sink, Func<Task?> redfishSession)
        {
            var connection = request.Connect(Target, sink);
            OnUndo("close the connection", TimeSpan.FromSeconds(5), _ => { connection.Dispose(); return Task.CompletedTask; });
            OnUndo("close the Redfish session", connection.Settings.LogoutTimeout, _ => redfishSession() ?? Task.CompletedTask);
            return connection;
        }

        public UndoStep OnUndo(string name, TimeSpan limit, Func<CancellationToken, Task> undo)
        {
            var step = new UndoStep(name, limit, undo);
            lock (_gate) _steps.Add(step);
            return step;
        }

        /// <summary>The resource was given back by the normal path (update mode left as planned): nothing left to undo.</summary>
        public void Forget(UndoStep? step)
        {
            if (step == null) return;
            lock (_gate) _steps.Remove(step);
        }

        /// <summary>Runs one undo step now (sessions logged out as soon as update mode is left), guarded and recorded like at the end.</summary>
        public async Task<UndoOutcome> UndoNowAsync(UndoStep? step)
        {
            if (step == null) return new UndoOutcome("nothing", true, null);
            lock (_gate)
            {
                if (!_steps.Remove(step)) return new UndoOutcome(step.Name, true, null);
            }
            return await RunGuardedAsync(step).ConfigureAwait(false);
        }

        /// <summary>
        /// Undoes everything still held, last acquired first; then finishes the journal (outcome, the message — asked for
        /// only now, so it can say what the undo steps found, e.g. that a running SPI write ended — and what the cleanup
        /// did) and releases the lock. Never throws; every step is bounded by its own limit.
        /// </summary>
        public async Task<IReadOnlyList<UndoOutcome>> CloseAsync(string? outcome, Func<string?> message)
        {
            while (true)
            {
                UndoStep step;
                lock (_gate)
                {
                    if (_steps.Count == 0) break;
                    step = _steps[_steps.Count - 1];
                    _steps.RemoveAt(_steps.Count - 1);
                }
                await RunGuardedAsync(step).ConfigureAwait(false);
            }
            if (_entry != null && _entry.IsOpen && outcome != null)
            {
                Guard(() =>
                {
                    List<UndoOutcome> done;
                    lock (_gate) done = _outcomes.ToList();
                    var text = (message() + (done.Count == 0 ? string.Empty : " Cleanup: " + string.Join("; ", done) + ".")).Trim();
                    _journal!.Finish(_entry, outcome, text);
                }, "finish the journal");
            }
            Guard(() => _lock?.Dispose(), "release the lock");
            _lock = null;
            lock (_gate) return _outcomes.ToList();
        }

        private async Task<UndoOutcome> RunGuardedAsync(UndoStep step)
        {
            UndoOutcome outcome;
            try
            {
                using (var limit = new CancellationTokenSource(step.Limit))
                {
                    var undo = Task.Run(() => step.Undo(limit.Token));
                    // A step that ignores its token still cannot hold the scope past its limit.
                    var first = await Task.WhenAny(undo, Task.Delay(step.Limit + TimeSpan.FromSeconds(1))).ConfigureAwait(false);
                    if (first != undo)
                    {
                        Observe(undo);
                        throw new TimeoutException("no end within " + step.Limit.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s");
                    }
                    await undo.ConfigureAwait(false);
                }
                outcome = new UndoOutcome(step.Name, true, null);
            }
            catch (Exception failed)
            {
                outcome = new UndoOutcome(step.Name, false, failed is OperationCanceledException ? "no end within its time limit" : failed.Message);
            }
            lock (_gate) _outcomes.Add(outcome);
            Guard(() => Record("Cleanup", outcome.ToString()), "journal the cleanup");
            return outcome;
        }

        private void Guard(Action action, string name)
        {
            try
            {
                action();
            }
            catch (Exception failed)
            {
                lock (_gate) _outcomes.Add(new UndoOutcome(name, false, failed.Message));
            }
        }

        private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }
}
