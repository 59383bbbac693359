from ipkpi.cli.app import main

main()
