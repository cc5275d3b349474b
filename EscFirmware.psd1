#
# EscFirmware source manifest. The build stamps ModuleVersion from VersionPrefix in Directory.Build.props and writes
# the result to out/EscFirmware/<version>/EscFirmware.psd1 (src/EscFirmware/ModuleOutput.targets). Keep this file ASCII:
# Windows PowerShell 5.1 reads a manifest without a BOM as ANSI.
#
@{
    RootModule = 'EscFirmware.dll'
    ModuleVersion = '{{ModuleVersion}}'
    GUID = '5b0d3c1e-7f5a-4c52-9a0e-3d8e6b1f2a47'
    Author = 'EscFirmware contributors'
    CompanyName = 'EscFirmware contributors'
    Copyright = '(c) EscFirmware contributors. All rights reserved.'
    Description = 'Checks and updates BMC firmware and BIOS on ASUS ESC-series GPU servers (ASMB11/ASMB12-iKVM, AMI MegaRAC SP-X) over Redfish and the BMC web API, for interactive use and Azure Automation runbooks.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion = '5.1'
    DotNetFrameworkVersion = '4.7.2'

    # One line per cmdlet; the module tests check this list against the [Cmdlet] classes in EscFirmware.dll.
    CmdletsToExport = @(
        'Get-EscFirmwareVersion'
        'Test-EscFirmwareImage'
        'Find-EscFirmware'
        'Save-EscFirmwarePackage'
        'Get-EscFirmwareAudit'
        'Invoke-EscBiosUpdate'
        'Invoke-EscBmcUpdate'
        'Get-EscBmcState'
        'Exit-EscUpdateMode'
        'Invoke-EscFirmwareUpgrade'
        'Get-EscFirmwareInventory'
        'Invoke-EscRedfishUpdate'
        'Add-EscRepositoryComponent'
        'Get-EscRepositoryComponent'
        'Remove-EscRepositoryComponent'
        'New-EscUpdateTask'
        'Get-EscUpdateTask'
        'Remove-EscUpdateTask'
        'New-EscMaintenanceWindow'
        'Remove-EscMaintenanceWindow'
        'Get-EscInstallSet'
        'New-EscInstallSet'
        'Invoke-EscInstallSet'
        'Get-EscUpgradePath'
    )
    FunctionsToExport = @()
    AliasesToExport = @()
    VariablesToExport = @()

    # One format file per output type (src/EscFirmware/Formats).
    FormatsToProcess = @(
        'EscFirmwareVersion.Format.ps1xml'
        'EscFirmwareImage.Format.ps1xml'
        'EscFirmwareRelease.Format.ps1xml'
        'EscFirmwareAuditRecord.Format.ps1xml'
        'EscFirmwareUpdateResult.Format.ps1xml'
        'EscBmcState.Format.ps1xml'
        'EscUpdateModeExitResult.Format.ps1xml'
        'EscFirmwareUpgradeSummary.Format.ps1xml'
        'EscFirmwareInventoryItem.Format.ps1xml'
        'EscRepositoryComponent.Format.ps1xml'
        'EscUpdateTask.Format.ps1xml'
        'EscMaintenanceWindow.Format.ps1xml'
        'EscInstallSet.Format.ps1xml'
        'EscUpgradePath.Format.ps1xml'
    )

    PrivateData = @{
        PSData = @{
            Tags = @('ASUS', 'ESC8000', 'BMC', 'BIOS', 'Firmware', 'Redfish', 'MegaRAC', 'AzureAutomation', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux')
            ReleaseNotes = 'Get-EscFirmwareVersion: BMC, BIOS, power state and both BMC image slots of ESC servers, many at once.'
        }
    }
}
