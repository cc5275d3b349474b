#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates EscFirmware.
.DESCRIPTION
    Build    dotnet build -c <Configuration>; the build itself assembles out/EscFirmware/<version>/ and
             out/EscFirmware.zip. With platyPS available, also writes en-US/EscFirmware.dll-Help.xml from docs/*.md.
    Test     dotnet test: xunit, and the built module in a hosted PowerShell 7.6 engine (tests/EscFirmware.Engine.Tests).
    Package  the Azure Automation zip, out/EscFirmware.zip (also produced by every dotnet build, no pwsh needed).
    Demo     escfw demo against the fake BMC.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$repoRoot = $PSScriptRoot
$version = ([xml](Get-Content -Raw (Join-Path $repoRoot 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
$moduleDir = Join-Path $repoRoot "out/EscFirmware/$version"
$package = Join-Path $repoRoot 'out/EscFirmware.zip'

function Invoke-Native([string] $File, [string[]] $Arguments) {
    Write-Host "> $File $($Arguments -join ' ')"
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File exited with $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $repoRoot 'EscFirmware.sln'), '-c', $Configuration)
    $platyPS = Get-Module -ListAvailable platyPS | Sort-Object Version -Descending | Select-Object -First 1
    if ($platyPS) {
        # In a child process: platyPS must not load the module's dll into this session.
        Invoke-Native (Join-Path $PSHOME 'pwsh') @('-NoProfile', '-NonInteractive', '-Command',
            "Import-Module platyPS; New-ExternalHelp -Path '$repoRoot/docs' -OutputPath '$moduleDir/en-US' -Force | Out-Null")
    } else {
        Write-Warning 'platyPS not installed: no MAML help in the module (Install-Module platyPS -RequiredVersion 0.14.2).'
    }
    Write-Host "Module: $moduleDir"
}

function Invoke-Test {
    Invoke-Native dotnet @('test', (Join-Path $repoRoot 'EscFirmware.sln'), '-c', $Configuration, '--no-build', '--logger', 'console;verbosity=normal')
}

function Invoke-Package {
    # The zip is made by the build (src/EscFirmware/ModuleOutput.targets); it includes help only if Build made it first.
    Invoke-Native dotnet @('build', (Join-Path $repoRoot 'src/EscFirmware/EscFirmware.csproj'), '-c', $Configuration, '-t:PackageModule')
    $size = (Get-Item $package).Length
    Write-Host ("Package: {0} ({1:N1} MB)" -f $package, ($size / 1MB))
}

function Invoke-Demo {
    Invoke-Native dotnet @('run', '--project', (Join-Path $repoRoot 'src/EscFirmware.Cli'), '-c', $Configuration, '--', 'demo')
}

foreach ($name in $Task) {
    & "Invoke-$name"
}
