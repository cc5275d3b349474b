using System;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>
    /// Keeps the rescue web session from idling out while update mode lasts: <c>GET /api/chassis-status</c> every
    /// interval (spec b.4). A failed keep-alive is only reported: the session is still tried when it is needed.
    /// </summary>
    internal sealed class RescueKeepAlive : IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;

        public RescueKeepAlive(AmiWebSession rescue, TimeSpan interval, IOperationSink sink) =>
            _loop = Task.Run(() => RunAsync(rescue, interval, sink, _stop.Token));

        public async Task StopAsync()
        {
            _stop.Cancel();
            await _loop.ConfigureAwait(false);
        }

        public void Dispose() => _stop.Dispose();

        private static async Task RunAsync(AmiWebSession rescue, TimeSpan interval, IOperationSink sink, CancellationToken stop)
        {
            var host = rescue.Connection.Target.DisplayName;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, stop).ConfigureAwait(false);
                    await rescue.GetJsonAsync(HostPower.ChassisStatusPath, stop).ConfigureAwait(false);
                    sink.WriteDebug(host + ": rescue session kept alive.");
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception failed)
                {
                    // Only reported: the session is still tried when it is needed, and the loop runs until it is stopped.
                    sink.WriteDebug(host + ": rescue session keep-alive failed: " + failed.Message);
                }
            }
        }
    }
}
