<#
.SYNOPSIS
    Azure Automation runbook: brings a list of ASUS ESC servers to the given BMC and BIOS images, BMC first, in
    rolling waves, with a canary and a failure budget. Safe to restart from the top.

.DESCRIPTION
    Runs on a Hybrid Runbook Worker that can reach the BMC management network (cloud sandboxes cannot).
    The credential comes from an Automation credential asset; nothing prompts. Milestones go to the verbose stream
    (turn on "Log verbose records" for the runbook) and one compact summary object per server goes to the output.

    Azure Automation restarts a job from the top after its fair-share limit (3 hours) or a worker restart. That is
    safe here: servers already at target are skipped as successful no-ops, and a server whose journal shows an update
    in flight is inspected before anything is sent to it. Run restarts on the same worker (or give every worker of the
    group the same -StateFolder on a share only the runbook account can read), because the journals live there.

.PARAMETER ServerList
    BMC addresses separated by commas, spaces or new lines (runbook parameters cannot be arrays of objects).

.PARAMETER CredentialName
    The Automation credential asset holding the BMC administrator account.
#>
param(
    [Parameter(Mandatory = $true)]
    [string] $ServerList,

    [string] $CredentialName = 'EscBmcAdmin',

    [string] $BmcImagePath,

    [string] $BiosImagePath,

    [ValidateRange(1, 64)]
    [int] $ThrottleLimit = 4,

    [ValidateRange(0, 100)]
    [int] $CanaryCount = 1,

    [ValidateRange(1, 1000)]
    [int] $MaxFailures = 2,

    [string] $StateFolder
)

$ErrorActionPreference = 'Stop'
# PowerShell 7.x runbooks need the preference set in the script for verbose records to be kept.
$VerbosePreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'

Import-Module EscFirmware -ErrorAction Stop
if ($StateFolder) { $env:ESCFW_STATE_DIR = $StateFolder }

$servers = @($ServerList -split '[,\s]+' | Where-Object { $_ })
if ($servers.Count -eq 0) { throw 'ServerList names no server.' }
$credential = Get-AutomationPSCredential -Name $CredentialName
if (-not $credential) { throw "The Automation credential '$CredentialName' does not exist." }

$upgrade = @{
    ComputerName  = $servers
    Credential    = $credential
    ShutdownHost  = $true
    PowerOn       = $true
    ThrottleLimit = $ThrottleLimit
    CanaryCount   = $CanaryCount
    MaxFailures   = $MaxFailures
    Confirm       = $false
    Verbose       = $true
}
if ($BmcImagePath) { $upgrade.BmcImage = $BmcImagePath }
if ($BiosImagePath) { $upgrade.BiosImage = $BiosImagePath }

Write-Verbose ("Upgrading {0} server(s), throttle {1}, canary {2}, failure budget {3}." -f $servers.Count, $ThrottleLimit, $CanaryCount, $MaxFailures)

# Per-component results and per-server summaries both come out; keep the output stream compact (1 MiB job limit).
$results = Invoke-EscFirmwareUpgrade @upgrade -ErrorAction Continue -ErrorVariable upgradeErrors
$summaries = @($results | Where-Object { $_.PSObject.TypeNames[0] -like '*EscFirmwareUpgradeSummary' })

$summaries | Select-Object ComputerName, BmcFrom, BmcTo, BiosFrom, BiosTo, Status, Duration | Write-Output

$failed = @($summaries | Where-Object Status -eq 'Failed')
Write-Verbose ("Done: {0} succeeded or already current, {1} failed, {2} error record(s)." -f ($summaries.Count - $failed.Count), $failed.Count, $upgradeErrors.Count)
if ($failed.Count -gt 0) {
    # A failed job is what alerts and job dashboards watch; the summaries above say which servers and why.
    throw ("{0} server(s) failed: {1}" -f $failed.Count, (($failed.ComputerName) -join ', '))
}
