using System.Management.Automation;

namespace EscFirmware.Module
{
    /// <summary>
    /// Runs when PowerShell imports the module: isolates the dependencies before any cmdlet touches EscFirmware.Core.
    /// PowerShell reads this assembly's public types before calling OnImport, which is why no public type here may
    /// derive from or implement a type from dependencies/ (checked by the module tests).
    /// </summary>
    public sealed class EscFirmwareModule : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyIsolation.Install(ModuleFolder.OfModuleAssembly());

        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyIsolation.Uninstall();
    }
}
