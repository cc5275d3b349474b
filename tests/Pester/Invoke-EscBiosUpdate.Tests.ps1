# Pester 5 tests of Invoke-EscBiosUpdate in the BUILT module against 'escfw simulate' (run by Invoke-Pester.ps1).
BeforeAll {
    $script:Manifest = $env:ESCFW_MODULE_MANIFEST
    $script:RepoRoot = $env:ESCFW_REPO_ROOT
    Import-Module $script:Manifest -Force -ErrorAction Stop

    # A BIOS .HPM like ASUS ships it, written by the fake's image writer (built next to escfw).
    $fakeDll = Get-ChildItem (Join-Path $script:RepoRoot "src/EscFirmware.Cli/bin/$env:ESCFW_CONFIGURATION") -Recurse -Filter 'EscFirmware.FakeBmc.dll' | Select-Object -First 1
    Add-Type -Path $fakeDll.FullName
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ("escfw-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $script:Work | Out-Null
    $script:Image = Join-Path $script:Work 'Z14PG-D32-ASUS-0804.HPM'
    [EscFirmware.FakeBmc.SupportSite.HpmImageWriter]::WriteFile([EscFirmware.FakeBmc.SupportSite.HpmImageSpec]::Bios('0804', 65536, 'None', $false), $script:Image)
    $script:Journal = Join-Path $script:Work 'journal'

    $basePort = Get-Random -Minimum 40001 -Maximum 60000
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($arg in 'run', '--no-build', '-c', $env:ESCFW_CONFIGURATION, '--project', (Join-Path $script:RepoRoot 'src/EscFirmware.Cli'), '--', 'simulate', '--count', '1', '--base-port', "$basePort") {
        $start.ArgumentList.Add($arg)
    }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $script:Simulator = [System.Diagnostics.Process]::Start($start)
    $script:Address = $null
    $script:Password = $null
    $deadline = [DateTime]::UtcNow.AddSeconds(90)
    while ((-not $script:Address -or -not $script:Password) -and [DateTime]::UtcNow -lt $deadline) {
        $read = $script:Simulator.StandardOutput.ReadLineAsync()
        if (-not $read.Wait([TimeSpan]::FromSeconds(5))) { continue }
        $line = $read.Result
        if ($null -eq $line) { break }
        if (-not $script:Address -and $line -match '127\.0\.0\.1:\d+') { $script:Address = $Matches[0] }
        if ($line -match '(?i)password\W+(\S+)') { $script:Password = $Matches[1].Trim("'`";)") }
    }
    if (-not $script:Address -or -not $script:Password) { throw "escfw simulate did not print an address and a password within 90 s" }
    $script:Credential = [pscredential]::new('admin', (ConvertTo-SecureString $script:Password -AsPlainText -Force))
}

AfterAll {
    if ($script:Simulator -and -not $script:Simulator.HasExited) {
        $script:Simulator.Kill($true)
        $script:Simulator.WaitForExit(10000) | Out-Null
    }
    Remove-Module EscFirmware -ErrorAction SilentlyContinue
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Invoke-EscBiosUpdate against the fake BMC' {
    It 'declares SupportsShouldProcess with ConfirmImpact High and both parameter sets' {
        $command = Get-Command Invoke-EscBiosUpdate
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.ParameterSets.Name | Should -Contain 'Path'
        $command.ParameterSets.Name | Should -Contain 'Image'
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It '-WhatIf gives the plan with the power actions and changes nothing' {
        $result = Invoke-EscBiosUpdate $script:Address -Credential $script:Credential -SkipCertificateCheck -Path $script:Image -ShutdownHost -PowerOn -JournalPath $script:Journal -WhatIf
        $result | Should -BeOfType ([EscFirmware.Core.Updates.EscFirmwareUpdateResult])
        $result.Status | Should -Be 'WhatIf'
        $result.Message | Should -Be 'BIOS 0603 -> 0804; host is On and will be shut down; powered on afterwards'
        (Get-EscFirmwareVersion $script:Address -Credential $script:Credential -SkipCertificateCheck).PowerState | Should -Be 'On'
    }

    It 'refuses a running host without -ShutdownHost' {
        $result = Invoke-EscBiosUpdate $script:Address -Credential $script:Credential -SkipCertificateCheck -Path $script:Image -JournalPath $script:Journal -Confirm:$false
        $result.Status | Should -Be 'Failed'
        $result.ErrorId | Should -Be 'EscHostPoweredOn'
    }

    It 'shuts down, flashes, powers on and confirms the new BIOS; formats as the update table' {
        $row = [pscustomobject]@{ BmcAddress = $script:Address } | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $result = $row | Invoke-EscBiosUpdate -Credential $script:Credential -SkipCertificateCheck -Path $script:Image -ShutdownHost -PowerOn -PollIntervalSec 1 -PostTimeoutSec 60 -JournalPath $script:Journal -Confirm:$false
        $result.Status | Should -Be 'Succeeded'
        $result.Component | Should -Be 'Bios'
        $result.ToVersion | Should -Be '0804'
        (Get-EscFirmwareVersion $script:Address -Credential $script:Credential -SkipCertificateCheck).BiosVersion | Should -Be '0804'
        ($result | Out-String) | Should -Match 'ComputerName\s+Component\s+FromVersion\s+ToVersion\s+Status\s+Phase\s+Duration'
        $journalFile = Get-ChildItem $script:Journal -Filter '*.json' | Select-Object -First 1
        (Get-Content -Raw $journalFile.FullName | ConvertFrom-Json).RescueSession | Should -BeNullOrEmpty
    }
}
