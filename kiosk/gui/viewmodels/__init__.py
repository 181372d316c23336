"""kiosk.gui.viewmodels"""
