from ipkpi.cli import main

main()
