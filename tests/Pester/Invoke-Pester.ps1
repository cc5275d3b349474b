#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester tests against the built module in a fresh pwsh, so this session never loads (or locks) the dll.
.EXAMPLE
    ./tests/Pester/Invoke-Pester.ps1 -Configuration Release
#>
[CmdletBinding()]
param(
    # The build configuration the module and escfw were built with (dotnet build -c).
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester 5.x is required; installed for the current user when missing.
    [version] $PesterVersion = '5.5.0'
)
$ErrorActionPreference = 'Stop'
$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

$version = ([xml](Get-Content -Raw (Join-Path $repoRoot 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
$manifest = Join-Path $repoRoot "out/EscFirmware/$version/EscFirmware.psd1"
if (-not (Test-Path $manifest)) { throw "No built module at $manifest; run 'dotnet build -c $Configuration' first." }

if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge $PesterVersion)) {
    Install-Module Pester -MinimumVersion $PesterVersion -Scope CurrentUser -Force -SkipPublisherCheck
}

$child = @"
`$ErrorActionPreference = 'Stop'
Import-Module Pester -MinimumVersion $PesterVersion
`$config = New-PesterConfiguration
`$config.Run.Path = '$PSScriptRoot'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$(Join-Path $repoRoot 'out/pester-results.xml')'
`$env:ESCFW_MODULE_MANIFEST = '$manifest'
`$env:ESCFW_REPO_ROOT = '$repoRoot'
`$env:ESCFW_CONFIGURATION = '$Configuration'
Invoke-Pester -Configuration `$config
"@
& (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $child
exit $LASTEXITCODE
