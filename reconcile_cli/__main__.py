from reconcile_cli.launch import main

main()
