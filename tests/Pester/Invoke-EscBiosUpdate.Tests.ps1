# Pester 5 tests of Invoke-EscBiosUpdate in the BUILT module against 'escfw simulate' (run by Invoke-Pester.ps1).
BeforeAll {
    $script:Manifest = $env:ESCFW_MODULE_MANIFEST
    $script:RepoRoot = $env:ESCFW_REPO_ROOT
    Import-Module $script:Manifest -Force -ErrorAction Stop

    # A BIOS .HPM laid out as ASUS ships it (as the fake's HpmImageWriter writes it: PICMG HPM.1 header with ASUS OEM
    # data, a prepare record, one upload record for the OEM component 0x10 with an AMI "OEM" prefix, MD5 trailer).
    # Written here because the fake's assembly targets a newer .NET than pwsh 7.4 runs on.
    function script:ZeroSum([byte[]] $bytes) { [byte]((256 - (($bytes | Measure-Object -Sum).Sum % 256)) % 256) }
    function script:New-BiosHpm([string] $Path, [int] $Length) {
        $oem = [byte[]]::new(16)
        $oem[1] = 0x80; $oem[2] = 16; $oem[4] = 0x3F; $oem[5] = 0x0A
        $oem[7] = ZeroSum $oem[0..6]
        [System.Text.Encoding]::ASCII.GetBytes("ESC8000`0").CopyTo($oem, 8)
        $header = [byte[]]::new(51)
        [System.Text.Encoding]::ASCII.GetBytes('PICMGFWU').CopyTo($header, 0)
        $header[9] = 0x20; $header[10] = 0x3F; $header[11] = 0x0A; $header[13] = 0x3A; $header[14] = 0x0B
        [BitConverter]::GetBytes([uint32]1735689600).CopyTo($header, 15)
        $header[20] = 0x10; $header[21] = 12; $header[22] = 12; $header[23] = 60; $header[24] = 1
        $header[26] = 8; $header[27] = 0x04; $header[32] = 16
        $oem.CopyTo($header, 34)
        $header[50] = ZeroSum $header[0..49]
        $prepare = [byte[]](1, 0x10, (ZeroSum ([byte[]](1, 0x10))))
        $record = [byte[]]::new(34)
        $record[0] = 2; $record[1] = 0x10; $record[2] = ZeroSum $record[0..1]
        $record[3] = 8; $record[4] = 0x04
        [System.Text.Encoding]::ASCII.GetBytes('BIOS').CopyTo($record, 9)
        [BitConverter]::GetBytes([uint32]$Length).CopyTo($record, 30)
        $data = [byte[]]::new($Length)
        for ($i = 16; $i -lt $Length; $i++) { $data[$i] = 0xA4 }
        ([byte[]](0x4F, 0x45, 0x4D, 0, 0, 0, 0, 0, 0, 16, 1, 0, 0, 0, 0, 0)).CopyTo($data, 0)
        $body = [byte[]]($header + $prepare + $record + $data)
        $md5 = [System.Security.Cryptography.MD5]::HashData($body)
        [System.IO.File]::WriteAllBytes($Path, [byte[]]($body + $md5))
    }
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ("escfw-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $script:Work | Out-Null
    $script:Image = Join-Path $script:Work 'Z14PG-D32-ASUS-0804.HPM'
    New-BiosHpm $script:Image 65536
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
