"""actorgraph.viz"""
