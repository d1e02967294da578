"""actorgraph.sample"""
